"""Fixtures for the tender plan tests: the page, two buyers, three social enterprises, an entry."""

import pytest

from django.core.cache import cache

from procurement.models import BuyerOrganisation, TenderPlanIndexPage

from .factories import make_buyer, make_entry, make_supplier


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def tender_page(home_page):
    page = home_page.add_child(
        instance=TenderPlanIndexPage(title="Udbudsplan", slug="udbudsplan", intro="Kommende køb.")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def aarhus(db):
    return BuyerOrganisation.objects.get(municipality__code=751)


@pytest.fixture
def odense(db):
    return BuyerOrganisation.objects.get(municipality__code=461)


@pytest.fixture
def buyer_a(aarhus):
    return make_buyer("a@aarhus.example", aarhus)


@pytest.fixture
def buyer_b(odense):
    return make_buyer("b@odense.example", odense)


@pytest.fixture
def soev_a(db):
    return make_supplier("Grøn Rengøring", "sara@groen.example")


@pytest.fixture
def soev_b(db):
    return make_supplier("Kantinen Kraft", "kim@kraft.example")


@pytest.fixture
def soev_c(db):
    return make_supplier("Cykelværkstedet", "ole@cykel.example")


@pytest.fixture
def entry(tender_page, aarhus, buyer_a):
    return make_entry(aarhus, title="Rengøring af 14 daginstitutioner")


@pytest.fixture
def entry_url(entry):
    return f"/udbudsplan/{entry.pk}/{entry.slug}/"
