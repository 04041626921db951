"""Health check, robots.txt, sitemap, site search, error pages and the demo loader."""

import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from stdnum.dk import cvr

from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.db import OperationalError

from wagtail.models import Page

from cms.catalogues import untranslated
from cms.models import StandardPage
from directory.models import SupplierProfile
from tests.procurement.ocds_check import cove_problems

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_the_database_is_unreachable(client, db):
    with mock.patch("cms.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_sitemap_lists_live_pages_only(client, home_page):
    home_page.add_child(instance=StandardPage(title="Om", slug="om"))
    home_page.add_child(instance=StandardPage(title="Hemmelig", slug="hemmelig", live=False))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/om/</loc>" in response.text
    assert "hemmelig" not in response.text


def test_site_search_finds_pages_in_the_active_language(client, home_page):
    home_page.add_child(
        instance=StandardPage(title="Reserverede kontrakter", slug="reserverede", intro="Om § 20")
    )
    response = client.get("/soeg/", {"q": "reserverede"})
    assert response.status_code == 200
    assert "Reserverede kontrakter" in response.text


@pytest.mark.parametrize("query", ["x" * 5000, "<script>alert(1)</script>", "%00", "AND OR NOT"])
def test_site_search_never_fails_on_odd_input(client, home_page, query):
    response = client.get("/soeg/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_unknown_page_gives_a_friendly_404(client, home_page):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.text


def test_demo_site_loads_once_and_serves_danish_and_english(
    client, db, django_capture_on_commit_callbacks
):
    """One test for the demo loader, since each load takes long: what `make run` shows, and that a
    second `load_demo_data` changes nothing."""
    first, second = io.StringIO(), io.StringIO()
    # wagtail-localize publishes translations on commit; the test's transaction never commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", stdout=first)
    pages = Page.objects.count()
    # Danish pages: inside this one test transaction wagtail-localize re-syncs two English event
    # translations on the second load; two real `load_demo_data` runs leave every page as it was.
    revisions = sum(p.revisions.count() for p in Page.objects.filter(locale__language_code="da"))
    profiles = SupplierProfile.objects.count()
    assert profiles >= 200 and SupplierProfile.objects.filter(live=True).count() < profiles
    assert SupplierProfile.objects.filter(rsv_verified=True).exists()
    assert "demo_profiles.jsonl:" not in first.getvalue()  # no row of the demo file rejected
    assert Page.objects.filter(locale__language_code="en").count() == (
        Page.objects.filter(locale__language_code="da", depth__gt=1).count()
    )

    assert '<html lang="da">' in client.get("/").text
    english_home = client.get("/en/").text
    assert '<html lang="en">' in english_home
    assert "Find social enterprise suppliers" in english_home
    guide = Page.objects.get(locale__language_code="en", slug="opret-jeres-virksomhed")
    assert guide.live
    assert guide.title == "How to add your enterprise to the supplier list"
    assert "Before you start" in str(guide.specific.body)
    package = client.get("/udbudsplan/ocds.json").json()
    assert cove_problems(package) == {}
    buyer_ids = {release["buyer"]["id"] for release in package["releases"] if "buyer" in release}
    assert buyer_ids and all(cvr.is_valid(id.removeprefix("DK-CVR-")) for id in buyer_ids)
    cancelled = [r for r in package["releases"] if r["tender"]["status"] == "cancelled"]
    assert [r["tag"] for r in cancelled] == [["planningUpdate"]]
    history = [r["tag"] for r in package["releases"] if r["ocid"] == cancelled[0]["ocid"]]
    assert history == [["planning"], ["planningUpdate"]]

    call_command("load_demo_data", stdout=second)
    assert Page.objects.count() == pages
    danish_pages = Page.objects.filter(locale__language_code="da")
    assert sum(p.revisions.count() for p in danish_pages) == revisions
    assert SupplierProfile.objects.count() == profiles
    assert "0 created, 0 updated" in second.getvalue()


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "socialoekonomisk.example",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "redis://127.0.0.1:6379/5",  # two workers by default need a shared cache
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("language", ["da", "en"])
def test_message_catalogues_are_complete(language):
    assert untranslated(language) == []
