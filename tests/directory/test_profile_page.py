"""Profile pages at /leverandoerer/<slug>/: content, JSON-LD, Open Graph, similar suppliers."""

import json
import re

import pytest

from directory.models import CpvCode

from .factories import profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def kantine(directory_page):
    p = profile(
        name="Kantinen Aarhus",
        slug="kantinen-aarhus",
        summary="Frokost og mødemad",
        cpv=["55520000"],
        groups=["handicap"],
        delivery_scope="municipalities",
        municipalities=[751, 730],
        offerings=[("Mødeforplejning", "Sandwich og kage")],
        email="kontakt@kantinen.example",
        phone="+45 70 10 20 30",
        employees_total=20,
        employees_special_terms=8,
        reserved_contract_claim=True,
    )
    p.references.create(customer="Aarhus Kommune", year=2024, delivered="Frokostordning")
    p.save()
    return p


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_profile_page_shows_what_a_buyer_needs(client, kantine):
    response = client.get("/leverandoerer/kantinen-aarhus/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Kantinen Aarhus</h1>" in html
    assert "55520000</a> Cateringvirksomhed" in html
    assert "Mødeforplejning" in html
    assert "Aarhus, Randers" in html
    assert "Aarhus Kommune" in html
    assert 'href="mailto:kontakt@kantinen.example"' in html
    assert "Mennesker med handicap" in html
    assert "8 (40 %)" in html
    assert "Kan byde på reserverede kontrakter (udbudslovens § 20): 40 %" in html


def test_json_ld_and_open_graph(client, kantine):
    html = client.get("/leverandoerer/kantinen-aarhus/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "Organization"
    assert data["name"] == "Kantinen Aarhus"
    assert data["vatID"] == f"DK{kantine.cvr}"
    assert data["url"] == "http://testserver/leverandoerer/kantinen-aarhus/"
    assert {place["name"] for place in data["areaServed"]} == {"Aarhus", "Randers"}
    assert html.count('property="og:title"') == 1
    assert '<meta property="og:image" content="http://testserver/static/img/og-image.png">' in html
    assert '<meta property="og:title" content="Kantinen Aarhus">' in html
    assert (
        '<meta property="og:url" content="http://testserver/leverandoerer/kantinen-aarhus/">'
        in html
    )


def test_json_ld_cannot_be_broken_out_of(client, directory_page):
    profile(slug="x", name="</script><script>alert(1)</script>", cpv=["55520000"])
    html = client.get("/leverandoerer/x/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_english_profile_has_english_cpv_labels(client, kantine, english_directory):
    html = client.get("/en/leverandoerer/kantinen-aarhus/").content.decode()
    assert "Catering services" in html
    assert "People with disabilities" in html
    assert '<html lang="en">' in html


def test_drafts_and_unknown_slugs_are_not_found(client, directory_page):
    profile(slug="kladde", live=False)
    assert client.get("/leverandoerer/kladde/").status_code == 404
    assert client.get("/leverandoerer/findes-ikke/").status_code == 404


def test_similar_suppliers_share_competences(client, kantine):
    profile(name="Anden Kantine", cpv=["55520000"])
    profile(name="Nabo Catering", cpv=["55510000"])
    profile(name="Rengøring", cpv=["90911200"])
    profile(name="Kladde Catering", cpv=["55520000"], live=False)
    html = client.get("/leverandoerer/kantinen-aarhus/").content.decode()
    similar = html.split('id="similar-heading"', 1)[1]
    assert similar.index("Anden Kantine") < similar.index("Nabo Catering")
    assert "Rengøring" not in similar
    assert "Kladde Catering" not in similar


def test_profile_page_runs_a_constant_number_of_queries(
    client, kantine, django_assert_max_num_queries
):
    client.get("/leverandoerer/kantinen-aarhus/")
    with django_assert_max_num_queries(50) as few:
        client.get("/leverandoerer/kantinen-aarhus/")
    kantine.cpv_codes.add(*CpvCode.objects.filter(code__in=["55510000", "55512000", "90911200"]))
    for n in range(5):
        kantine.offerings.create(title=f"Ydelse {n}", sort_order=n + 1)
        kantine.references.create(customer=f"Kunde {n}", delivered="Noget")
        profile(cpv=["55520000"])
    kantine.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/leverandoerer/kantinen-aarhus/")
    assert "Ydelse 4" in response.content.decode()


def test_sitemap_lists_live_profiles_only(client, kantine):
    profile(slug="kladde", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/leverandoerer/kantinen-aarhus/" in xml
    assert "/leverandoerer/kladde/" not in xml


def test_site_search_has_a_supplier_section(client, kantine):
    html = client.get("/soeg/", {"q": "catering"}).content.decode()
    assert "Leverandører" in html
    assert 'href="/leverandoerer/kantinen-aarhus/"' in html
