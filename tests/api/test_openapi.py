"""The OpenAPI document: a snapshot against accidental changes, and a bounded Schemathesis run.

When a change to the API is intended, rewrite the snapshot and commit it with the change:

    UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi.py -k snapshot
"""

import json
import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from cms.wsgi import application
from tests.directory.factories import profile
from tests.events.factories import PartnerFactory, make_event
from tests.procurement.factories import make_entry

SNAPSHOT = Path(__file__).with_name("openapi_snapshot.json")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_openapi_document_matches_the_snapshot(client):
    document = client.get("/api/v1/openapi.json").json()
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT"):
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "The OpenAPI document changed. If intended, run "
        "UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi.py -k snapshot"
    )


@pytest.fixture
def api_data(pages, aarhus, settings):
    settings.API_RATE_LIMIT = (1_000_000, 60)
    partner = PartnerFactory()
    for n in range(3):
        profile(name=f"Leverandør {n}", cpv=["90911200"], offerings=[("Vask", "")])
        make_entry(aarhus, title=f"Udbud {n}")
        make_event(pages["events"], title=f"Møde {n}", organiser=partner)
    profile(name="Væk").unpublish()
    # Like Django's test client: keep the test transaction's connection open across requests.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, api_data):
    case.call_and_validate(checks=CHECKS)
