"""schema.org JSON-LD on event and tender pages, Open Graph on every public page."""

import json
import re

import pytest

from tests.procurement.factories import make_entry

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_event_page_has_schema_org_event(client, event):
    html = client.get(event.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"].endswith(("+01:00", "+02:00"))  # Europe/Copenhagen
    assert data["endDate"].endswith(("+01:00", "+02:00"))
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["streetAddress"] == "Hack Kampmanns Plads 2, 8000 Aarhus C"
    assert data["organizer"]["name"] == "Hus Forbi"
    assert data["offers"]["price"] == "0"
    assert data["offers"]["url"] == f"http://testserver{event.url}"
    assert data["isAccessibleForFree"] is True
    assert '<meta property="og:url" content="http://testserver/arrangementer/' in html


def test_tender_entry_is_a_schema_org_demand(client, home_page):
    from procurement.models import BuyerOrganisation, TenderPlanIndexPage

    plan = home_page.add_child(instance=TenderPlanIndexPage(title="Udbudsplan", slug="udbudsplan"))
    plan.save_revision().publish()
    entry = make_entry(BuyerOrganisation.objects.get(municipality__code=751), title="Kantine")
    html = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "Demand"
    assert data["@reverse"]["seeks"]["name"] == "Aarhus Kommune"
    assert data["priceSpecification"] == {
        "@type": "PriceSpecification",
        "priceCurrency": "DKK",
        "minPrice": 100_000,
        "maxPrice": 400_000,
    }
    assert '<meta property="og:title" content="Kantine · Aarhus Kommune">' in html


@pytest.mark.parametrize("path", ["/", "/arrangementer/", "/soeg/"])
def test_every_public_page_has_open_graph(client, event, path):
    html = client.get(path).content.decode()
    for name in ("og:type", "og:title", "og:description", "og:url", "og:site_name", "og:image"):
        assert html.count(f'property="{name}"') == 1, (path, name)
