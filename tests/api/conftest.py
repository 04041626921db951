"""Fixtures for the API tests: the public index pages and a little live and draft data."""

import pytest

from django.core.cache import cache

from directory.models import DirectoryIndexPage
from events.access import ensure_partner_access
from events.models import EventIndexPage
from procurement.models import BuyerOrganisation, TenderPlanIndexPage


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def pages(home_page):
    """The directory, tender plan and event index pages, as on the demo site."""
    created = {}
    for key, model, title, slug in (
        ("directory", DirectoryIndexPage, "Leverandører", "leverandoerer"),
        ("tender_plan", TenderPlanIndexPage, "Udbudsplan", "udbudsplan"),
        ("events", EventIndexPage, "Arrangementer", "arrangementer"),
    ):
        page = home_page.add_child(instance=model(title=title, slug=slug))
        page.save_revision().publish()
        created[key] = page
    ensure_partner_access()
    return created


@pytest.fixture
def aarhus(db):
    return BuyerOrganisation.objects.get(municipality__code=751)
