"""A mirror built from the docs' recipe (updated_since + deleted) equals the live data."""

import pytest

from tests.directory.factories import profile
from tests.events.factories import PartnerFactory, make_event
from tests.procurement.factories import make_entry

KINDS = {"suppliers": "supplier", "tenders": "tender", "events": "event"}


class Mirror:
    """What an integrator keeps: objects by kind and id, plus the two high-water marks."""

    def __init__(self, client):
        self.client = client
        self.objects = {kind: {} for kind in KINDS}
        self.updated_since = dict.fromkeys(KINDS)
        self.deleted_since = None

    def pages(self, url):
        while url:
            data = self.client.get(url).json()
            yield from data["items"]
            url = data["next"]

    def sync(self):
        for kind in KINDS:
            url = f"/api/v1/{kind}/?limit=2"
            if self.updated_since[kind]:
                url += f"&updated_since={self.updated_since[kind]}"
            for item in self.pages(url.replace("+", "%2B")):
                self.objects[kind][item["id"]] = item
                self.updated_since[kind] = max(self.updated_since[kind] or "", item["updated_at"])
        url = "/api/v1/deleted/?limit=2"
        if self.deleted_since:
            url += f"&since={self.deleted_since}"
        for gone in self.pages(url):
            kind = next(k for k, v in KINDS.items() if v == gone["type"])
            self.objects[kind].pop(gone["id"], None)
            self.deleted_since = max(self.deleted_since or "", gone["removed_at"])


def fresh_copy(client):
    mirror = Mirror(client)
    mirror.sync()
    return mirror.objects


@pytest.mark.django_db
def test_incremental_sync_reconstructs_an_exact_mirror(client, pages, aarhus):
    partner = PartnerFactory()
    suppliers = [profile(name=f"Leverandør {n}") for n in range(4)]
    for supplier in suppliers:
        supplier.save_revision().publish()
    entries = [make_entry(aarhus, title=f"Udbud {n}") for n in range(3)]
    events = [make_event(pages["events"], title=f"Møde {n}", organiser=partner) for n in range(3)]
    mirror = Mirror(client)
    mirror.sync()
    assert len(mirror.objects["suppliers"]) == 4

    suppliers[0].summary = "Ny beskrivelse"
    suppliers[0].save_revision().publish()
    suppliers[1].unpublish()
    suppliers[2].delete()
    entries[0].title = "Nyt navn"
    entries[0].save_revision().publish()
    entries[1].unpublish()
    entries[2].delete()
    events[0].unpublish()
    events[1].delete()
    events[2].title = "Omdøbt møde"
    events[2].save_revision().publish()
    new = profile(name="Ny leverandør")
    new.save_revision().publish()
    mirror.sync()
    assert mirror.objects == fresh_copy(client)
    assert mirror.objects["suppliers"][suppliers[0].pk]["summary"] == "Ny beskrivelse"
    assert set(mirror.objects["suppliers"]) == {suppliers[0].pk, suppliers[3].pk, new.pk}

    suppliers[1].refresh_from_db()
    suppliers[1].save_revision().publish()
    events[0].save_revision().publish()
    suppliers[3].unpublish()
    mirror.sync()
    assert mirror.objects == fresh_copy(client)
    assert suppliers[1].pk in mirror.objects["suppliers"]
    assert events[0].pk in mirror.objects["events"]
    assert suppliers[3].pk not in mirror.objects["suppliers"]


def test_republishing_clears_the_tombstone(client, pages):
    supplier = profile(name="Tilbage igen")
    supplier.unpublish()
    assert client.get("/api/v1/deleted/").json()["items"][0]["id"] == supplier.pk
    supplier.save_revision().publish()
    assert client.get("/api/v1/deleted/").json()["items"] == []


def test_bad_cursor_and_time_are_400s(client, pages):
    for url in (
        "/api/v1/suppliers/?cursor=bm90LWpzb24",
        "/api/v1/suppliers/?updated_since=yesterday",
        "/api/v1/suppliers/?updated_since=0.5",
        "/api/v1/suppliers/?updated_since=1700000000",
        "/api/v1/tenders/?updated_since=2026-05-01",
        "/api/v1/events/?updated_since=2026-05-01T08:00:00",
        "/api/v1/deleted/?since=2026-05-01T08:00:00 02:00",
        "/api/v1/deleted/?since=0001-01-01T00:00:00%2B14:00",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["detail"]


def test_updated_since_takes_rfc3339_date_times(client, pages):
    for value in (
        "2026-05-01T08:00:00Z",
        "2026-05-01t08:00:00.123456z",
        "2026-05-01T10:00:00%2B02:00",
    ):
        response = client.get(f"/api/v1/suppliers/?updated_since={value}")
        assert response.status_code == 200, value
