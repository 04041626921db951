"""One public address: PUBLIC_BASE_URL in the sitemap, both APIs, feeds and the API index."""

import pytest

from django.test import override_settings

from cms.public import sync_default_site
from tests.directory.factories import profile

pytestmark = pytest.mark.django_db

PUBLIC = "https://socialoekonomisk.example"


def test_api_index_links_docs_openapi_and_endpoints(client, pages):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    links = {link["rel"]: link["href"] for link in response.json()["links"]}
    assert links["docs"] == "http://testserver/api/v1/docs"
    assert links["service-desc"] == "http://testserver/api/v1/openapi.json"
    for rel in ("suppliers", "tenders", "events", "deleted"):
        assert client.get(links[rel].removeprefix("http://testserver")).status_code == 200


@override_settings(PUBLIC_BASE_URL=PUBLIC, WAGTAILAPI_BASE_URL=PUBLIC)
def test_every_output_uses_the_public_address(client, pages):
    from wagtail.models import Site

    profile(name="Grøn Omstilling ApS").save_revision().publish()
    sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("socialoekonomisk.example", 443)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/" in sitemap
    assert "http://testserver" not in sitemap and "http://localhost" not in sitemap
    item = client.get("/api/v1/suppliers/").json()["items"][0]
    assert item["url"].startswith(PUBLIC + "/")
    pages = client.get("/api/cms/v2/pages/?fields=html_url").json()["items"]
    assert pages and all(p["meta"]["html_url"].startswith(PUBLIC + "/") for p in pages)
    assert all(p["meta"]["detail_url"].startswith(PUBLIC + "/") for p in pages)
    suppliers = client.get("/api/cms/v2/suppliers/").json()["items"]
    assert suppliers[0]["meta"]["detail_url"].startswith(PUBLIC + "/api/cms/v2/suppliers/")
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").text


def test_wagtail_api_search_and_locale(client, pages, aarhus):
    from tests.events.factories import PartnerFactory, make_event
    from tests.procurement.factories import make_entry

    profile(name="Rengøring Fyn ApS", summary="Vi gør rent").save_revision().publish()
    profile(name="Kantinen", summary="Frokost").save_revision().publish()
    names = [
        s["name"] for s in client.get("/api/cms/v2/suppliers/?search=Rengøring").json()["items"]
    ]
    assert names == ["Rengøring Fyn ApS"]
    assert client.get("/api/cms/v2/suppliers/?locale=da").json()["meta"]["total_count"] == 2
    assert client.get("/api/cms/v2/suppliers/?locale=en").json()["meta"]["total_count"] == 0
    assert client.get("/api/cms/v2/suppliers/?locale=xx").status_code == 400
    make_entry(aarhus, title="Vinduespolering")
    make_entry(aarhus, title="Kaffeautomater")
    found = client.get("/api/cms/v2/tenders/?search=kaffeautomater").json()["items"]
    titles = [t["title"] for t in found]
    assert titles == ["Kaffeautomater"]
    partner = PartnerFactory()
    make_event(pages["events"], title="Netværksmøde om genbrug", organiser=partner)
    make_event(pages["events"], title="Webinar om udbud", organiser=partner)
    events = client.get("/api/cms/v2/events/?search=genbrug&locale=da").json()["items"]
    assert [e["title"] for e in events] == ["Netværksmøde om genbrug"]
    assert client.get("/api/cms/v2/events/?locale=en").json()["meta"]["total_count"] == 0
    for endpoint in ("suppliers", "tenders", "events", "pages"):
        response = client.get(f"/api/cms/v2/{endpoint}/?colour=blue")
        assert response.status_code == 400, endpoint
        assert "colour" in response.json()["message"]


def test_page_types_expose_their_api_fields(client, pages):
    from tests.events.factories import PartnerFactory, make_event

    event = make_event(pages["events"], title="Møde", organiser=PartnerFactory())
    response = client.get("/api/cms/v2/pages/?type=events.EventPage&fields=start,end,venue_name")
    assert response.status_code == 200, response.content
    item = response.json()["items"][0]
    assert item["start"].startswith(str(event.start.astimezone().date())[:4])
    assert "venue_name" in item
