"""The charts' CSV files at .csv URLs, which Wagtail's page pattern (slugs only) does not match."""

from django.urls import re_path

from wagtail.views import serve

from .views import SECTIONS

CHARTS = "|".join(slug for _section, slugs in SECTIONS for slug in slugs)


def serve_csv(request, path, chart):
    """Hand /<page path>/<chart>.csv to that page's ``<chart>.csv/`` route."""
    return serve(request, f"{path}{chart}.csv/")


urlpatterns = [
    re_path(rf"^(?P<path>(?:[\w\-]+/)+)(?P<chart>{CHARTS})\.csv$", serve_csv, name="stats_csv"),
]
