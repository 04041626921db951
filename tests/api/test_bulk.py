"""The bulk files: the same rows as the shared representation, in a fixed number of queries."""

import csv
import io
import json

import pytest

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from api import bulk
from api.representations import SUPPLIER, Context
from directory.models import SupplierReference, TargetGroup
from tests.directory.factories import profile


def full_profile(n, logo):
    """A live profile with every list field filled, in an order unlike the output order."""
    groups = TargetGroup.objects.filter(locale__language_code="da").order_by("-name")[:2]
    supplier = profile(
        name=f"Fuld {n}",
        description=f"<p>Vi gør <b>alt</b> nr. {n}</p>",
        logo=logo,
        cpv=["90911200", "55520000"],
        groups=[g.slug for g in groups],
        municipalities=[751, 101],
        regions=[1085, 1082],
        tags=["zebra", "Alfa", f"tag{n}"],
        offerings=[("Rengøring", "Kontorer"), ("Kantine", "Frokost")],
    )
    offering = supplier.offerings.get(title="Kantine")
    offering.cpv_code_id, offering.price_indication = "55520000", "fra 450 kr. i timen"
    offering.save()
    SupplierReference.objects.create(
        profile=supplier, customer="Region Midt", year=None, delivered="Frokost", sort_order=1
    )
    SupplierReference.objects.create(
        profile=supplier, customer="Aarhus Kommune", year=2024, delivered="Rengøring", sort_order=0
    )
    return supplier


@pytest.fixture
def suppliers(pages):
    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    profile(name="Kladde", live=False)
    return [full_profile(n, logo) for n in range(3)] + [profile(name="Tom")]


def download(client, fmt):
    return b"".join(client.get(f"/api/v1/suppliers.{fmt}").streaming_content).decode()


def expected(fmt):
    """The file built from normally loaded (prefetched) profiles, one row per representation."""
    context = Context(RequestFactory().get("/api/v1/suppliers.jsonl"))
    rows = [SUPPLIER.represent(p, context) for p in SUPPLIER.queryset().order_by("pk")]
    if fmt == "jsonl":
        return "".join(
            json.dumps(r, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n" for r in rows
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SUPPLIER.field_names)
    writer.writerows([bulk.cell(r[name]) for name in SUPPLIER.field_names] for r in rows)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("chunk_size", [2, 1000])
def test_bulk_file_equals_the_shared_representation(
    client, suppliers, monkeypatch, fmt, chunk_size
):
    monkeypatch.setattr(bulk, "CHUNK_SIZE", chunk_size)
    text = download(client, fmt)
    assert text == expected(fmt)
    assert "Kladde" not in text


def test_bulk_rows_hold_every_list_in_a_stable_order(client, suppliers):
    first, *_rest, empty = [json.loads(line) for line in download(client, "jsonl").splitlines()]
    assert first["cpv_codes"] == ["55520000", "90911200"]
    assert first["delivery_municipalities"] == [751, 101]  # by name: Aarhus, København
    assert first["delivery_regions"] == [1082, 1085]  # Midtjylland, Syddanmark
    assert len(first["target_groups"]) == 2
    assert first["tags"] == ["Alfa", "tag0", "zebra"]
    assert [o["title"] for o in first["offerings"]] == ["Rengøring", "Kantine"]
    assert first["offerings"][1]["cpv_code"] == "55520000"
    assert first["references"][1] == {
        "customer": "Region Midt",
        "year": None,
        "delivered": "Frokost",
    }
    assert first["logo"].startswith("http://testserver/")
    assert "<b>alt</b>" in first["description"]
    assert empty["name"] == "Tom" and empty["offerings"] == [] and empty["tags"] == []


def test_bulk_queries_do_not_grow_with_the_number_of_suppliers(client, suppliers):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            text = download(client, "jsonl")
        return len(captured), text.count("\n")

    download(client, "jsonl")  # the site and directory page are looked up and cached once
    few = queries()
    for n in range(3, 30):
        profile(name=f"Flere {n}", cpv=["90911200"], tags=[f"t{n}"], offerings=[("A", "B")])
    many = queries()
    assert (few[1], many[1]) == (4, 31)
    assert few[0] == many[0]


def test_json_lines_come_as_octet_stream_on_request(client, suppliers):
    response = client.get("/api/v1/suppliers.jsonl", HTTP_ACCEPT="application/octet-stream")
    assert response["Content-Type"] == "application/octet-stream"
    assert "Accept" in response["Vary"]
    assert b"".join(response.streaming_content).decode() == expected("jsonl")
    default = client.get("/api/v1/suppliers.jsonl", HTTP_ACCEPT="*/*")
    assert default["Content-Type"] == "application/x-ndjson; charset=utf-8"
    document = client.get("/api/v1/openapi.json").json()
    content = document["paths"]["/api/v1/suppliers.jsonl"]["get"]["responses"]["200"]["content"]
    assert list(content) == ["application/x-ndjson", "application/octet-stream"]
    assert content["application/x-ndjson"]["x-item-schema"]["$ref"] in [
        f"#/components/schemas/{name}" for name in document["components"]["schemas"]
    ]
