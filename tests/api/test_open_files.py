"""The OCDS package, calendars and directory exports: validators, 304 and the rate limit."""

import pytest

from tests.directory.factories import profile
from tests.events.factories import PartnerFactory, make_event
from tests.procurement.factories import make_entry

pytestmark = pytest.mark.django_db

FILES = (
    "/udbudsplan/ocds.json",
    "/arrangementer/kalender.ics",
    "/leverandoerer/eksport.csv",
    "/leverandoerer/eksport.xlsx",
)


@pytest.fixture
def data(pages, aarhus):
    supplier = profile(name="Grøn Omstilling ApS")
    supplier.save_revision().publish()
    entry = make_entry(aarhus, title="Kantinedrift")
    event = make_event(pages["events"], title="Netværksmøde", organiser=PartnerFactory())
    return supplier, entry, event


@pytest.mark.parametrize("url", FILES)
def test_files_answer_304_until_the_data_changes(client, data, url):
    first = client.get(url)
    assert first.status_code == 200, url
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"')
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    supplier, entry, event = data
    supplier.summary = "Ny tekst"
    supplier.save_revision().publish()
    entry.title = "Kantinedrift og catering"
    entry.save_revision().publish()
    event.title = "Netværksmøde om genbrug"
    event.save_revision().publish()
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200, url
    assert again["ETag"] != etag


def test_files_fall_under_the_api_rate_limit(client, data, settings):
    settings.API_RATE_LIMIT = (2, 60)
    assert client.get("/udbudsplan/ocds.json").status_code == 200
    assert client.get("/arrangementer/kalender.ics").status_code == 200
    for url in FILES:
        response = client.get(url)
        assert response.status_code == 429, url
        assert int(response["Retry-After"]) >= 1
