"""The sitemap lists Danish and English URLs with hreflang pairs and real change times."""

import xml.etree.ElementTree as ET

import pytest

from .factories import profile

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.find("s:loc", NS).text: (
            url.find("s:lastmod", NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        )
        for url in root.findall("s:url", NS)
    }


def test_sitemap_has_english_pages_with_hreflang_pairs(client, english_directory):
    supplier = profile(name="Grøn Omstilling ApS", slug="groen-omstilling-aps")
    urls = entries(client)
    da, en = "http://testserver/leverandoerer/", "http://testserver/en/leverandoerer/"
    assert da in urls and en in urls
    for location in (da, en):
        lastmod, alternates = urls[location]
        assert alternates == {"da": da, "en": en}
        assert lastmod is not None
    lastmod, alternates = urls[f"{en}groen-omstilling-aps/"]
    assert alternates == {"da": f"{da}groen-omstilling-aps/", "en": f"{en}groen-omstilling-aps/"}
    assert lastmod.text.startswith(supplier.updated_at.astimezone().date().isoformat()[:4])
    assert "http://testserver/" in urls and "http://testserver/en/" in urls
