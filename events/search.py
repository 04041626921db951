"""The events section of the site search."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from .models import EventIndexPage, EventPage

MAX_RESULTS = 5


def upcoming_events_section(request, query):
    """Upcoming events in the reader's language that match the query."""
    locale = Locale.get_active()
    events = (
        EventPage.objects.live()
        .public()
        .filter(locale=locale, end__gte=timezone.now())
        .search(query)
    )
    events = list(events[:MAX_RESULTS])
    index = EventIndexPage.objects.live().filter(locale=locale).first()
    return {
        "title": _("Upcoming events"),
        "results": [
            {
                "title": event.title,
                "page": event,
                "url": event.get_url(request),
                "summary": render_to_string(
                    "events/includes/event_when.txt", {"event": event}
                ).strip(),
            }
            for event in events
        ],
        "more_url": index.get_url(request) if index else None,
    }
