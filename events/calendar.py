"""iCalendar (RFC 5545) files for one event or a whole event list.

``icalendar`` (and ``dateutil`` with it, 3 MB) is imported where a file is made: only the
calendar views and the registration e-mails need it, not every web worker from its start.
"""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
UID_DOMAIN = "socialoekonomisk.dk"
PRODID = "-//Socialøkonomisk//Arrangementer//DA"


def event_uid(event):
    """The same in every language and after any edit, so calendar clients update the entry."""
    return f"event-{event.translation_key}@{UID_DOMAIN}"


def location(event):
    parts = [event.venue_name, event.address_line]
    place = ", ".join(part for part in parts if part)
    return place or event.online_url


def event_component(event, url):
    import icalendar

    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", timezone.localtime(event.start, COPENHAGEN))
    component.add("dtend", timezone.localtime(event.end, COPENHAGEN))
    component.add("summary", event.title)
    if event.intro:
        component.add("description", f"{event.intro}\n\n{url}")
    else:
        component.add("description", url)
    if location(event):
        component.add("location", location(event))
    component.add("url", url)
    component.add("status", "CONFIRMED")
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar_bytes(events_with_urls, name):
    """A VCALENDAR with one VEVENT per (event, absolute URL) and the time zones they use."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    years = []
    for event, url in events_with_urls:
        calendar.add_component(event_component(event, url))
        years += [event.start.year, event.end.year]
    if years:
        calendar.add_missing_timezones(
            first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    return calendar.to_ical()
