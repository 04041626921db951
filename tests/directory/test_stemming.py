"""Danish full-text search on PostgreSQL: stemming and typo tolerance."""

import pytest

from tests.conftest import requires_postgres

from .factories import profile

pytestmark = [pytest.mark.django_db, requires_postgres]


def test_plural_finds_singular(client, directory_page):
    profile(name="Hjælpende Hænder", summary="En social virksomhed der gør rent", cpv=["90911200"])
    profile(name="Andet", summary="Cykler", cpv=["50000000"])
    html = client.get("/leverandoerer/", {"q": "virksomheder"}).content.decode()
    assert "Hjælpende Hænder" in html
    assert "1 leverandør fundet" in html


def test_a_typo_in_the_name_still_finds_it(client, directory_page):
    profile(name="Kantinen Østerbro", summary="Frokost", cpv=["55520000"])
    html = client.get("/leverandoerer/", {"q": "Kantnen"}).content.decode()
    assert "Kantinen Østerbro" in html


def test_english_cpv_label_is_searchable(client, directory_page):
    profile(name="Madhuset", summary="Mad til møder", cpv=["55520000"])
    html = client.get("/leverandoerer/", {"q": "catering services"}).content.decode()
    assert "Madhuset" in html
