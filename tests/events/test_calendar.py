"""The iCalendar feed and per-event files: valid, parseable, Danish time, stable UIDs."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from wagtail.models import Locale

from events.calendar import COPENHAGEN

from .factories import make_event

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    # icalendar keeps going past a bad property and notes it in the component's errors
    assert [(c.name, c.errors) for c in calendar.walk() if c.errors] == []
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_feed_lists_published_events_in_danish_time(client, event_index):
    summer = datetime(2027, 6, 10, 9, tzinfo=COPENHAGEN)
    winter = datetime(2027, 1, 14, 9, tzinfo=COPENHAGEN)
    make_event(event_index, title="Sommer", start=summer, end=summer + timedelta(hours=7))
    make_event(event_index, title="Vinter", start=winter, end=winter + timedelta(hours=7))
    make_event(event_index, title="Kladde", publish=False)

    events = _events(client.get("/arrangementer/kalender.ics"))

    assert set(events) == {"Sommer", "Vinter"}
    assert events["Sommer"]["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert events["Sommer"].decoded("DTSTART").astimezone(UTC).hour == 7
    assert events["Vinter"].decoded("DTSTART").astimezone(UTC).hour == 8
    assert events["Sommer"].decoded("DTSTART").hour == events["Vinter"].decoded("DTSTART").hour
    calendar = icalendar.Calendar.from_ical(client.get("/arrangementer/kalender.ics").content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]


def test_uids_stay_the_same_after_edits_and_across_languages(client, event_index, english_index):
    event = make_event(event_index, title="Netværksmøde")
    before = _events(client.get("/arrangementer/kalender.ics"))["Netværksmøde"]["UID"]

    event.title = "Netværksmøde (flyttet)"
    event.slug = "netvaerksmoede-flyttet"
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    event.save_revision().publish()
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Networking meeting"
    english.save_revision().publish()

    after = _events(client.get("/arrangementer/kalender.ics"))["Netværksmøde (flyttet)"]["UID"]
    in_english = _events(client.get("/en/arrangementer/kalender.ics"))["Networking meeting"]
    assert before == after == in_english["UID"]
    assert in_english["URL"].startswith("http://testserver/en/arrangementer/")


def test_each_event_has_its_own_calendar_file(client, event):
    events = _events(client.get(f"{event.url}kalender.ics"))
    assert list(events) == [event.title]
    assert "Hack Kampmanns Plads 2" in str(events[event.title]["LOCATION"])
    assert client.get("/arrangementer/findes-ikke/kalender.ics").status_code == 404
