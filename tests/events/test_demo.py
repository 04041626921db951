"""The demo data: partners and events in two languages, loaded idempotently."""

import io

import pytest

from django.contrib.auth import get_user_model

from cms.demo.loader import load
from events.demo import load_demo_events
from events.models import EventPage, Partner

pytestmark = pytest.mark.django_db


def test_demo_events_load_once_with_english_translations(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pages = load(io.StringIO())
        load_demo_events(pages=pages, stdout=io.StringIO())
        counts = (Partner.objects.count(), EventPage.objects.count())
        load_demo_events(pages=pages, stdout=io.StringIO())

    assert (Partner.objects.count(), EventPage.objects.count()) == counts == (3, 8)
    assert Partner.objects.filter(name="Comdia ApS").exists()
    danish = EventPage.objects.filter(locale__language_code="da")
    assert danish.filter(title="Socialøkonomisk indkøbsdag 2027").exists()
    assert danish.filter(title__icontains="reserverede kontrakter").exists()
    english = EventPage.objects.live().filter(locale__language_code="en")
    assert "Webinar: Reserved contracts in practice" in {e.title for e in english}
    assert {e.translation_key for e in english} == {e.translation_key for e in danish}
    assert "Reserverede kontrakter i praksis" in client.get("/arrangementer/").content.decode()
    partner_user = get_user_model().objects.get(username="husforbi")
    assert list(partner_user.event_partners.values_list("name", flat=True)) == ["Hus Forbi"]
