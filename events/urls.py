"""Calendar files at .ics URLs, which Wagtail's page URL pattern (slugs only) does not match."""

from django.urls import re_path

from wagtail.views import serve


def serve_calendar(request, path):
    """Hand /<page path>/kalender.ics to that page's ``kalender.ics/`` route."""
    return serve(request, f"{path}kalender.ics/")


urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)+)kalender\.ics$", serve_calendar, name="events_calendar"),
]
