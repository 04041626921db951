"""Fixtures for the events tests: the index page, partners and an upcoming event."""

import pytest

from wagtail.models import Locale

from events.access import ensure_partner_access
from events.models import EventIndexPage

from .factories import PartnerFactory, make_event


@pytest.fixture
def event_index(home_page):
    index = home_page.add_child(
        instance=EventIndexPage(title="Arrangementer", slug="arrangementer")
    )
    index.save_revision().publish()
    ensure_partner_access()
    return index


@pytest.fixture
def english_index(event_index, english_home):
    index = event_index.copy_for_translation(Locale.objects.get(language_code="en"))
    index.save_revision().publish()
    return index


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Hus Forbi")


@pytest.fixture
def event(event_index, partner):
    return make_event(event_index, organiser=partner, capacity=2)
