"""Finding the statistics page and the address of a buyer's public page."""

from django.utils.text import slugify

from cms.pages import index_page_for
from cms.slugs import DANISH_LETTERS


def buyer_slug(name):
    return slugify(name.lower().translate(DANISH_LETTERS))[:80] or "ordregiver"


def buyer_path(page_url, pk, name):
    return f"{page_url}ordregivere/{pk}/{buyer_slug(name)}/"


def buyer_url(organisation, request=None):
    """The public page of a buyer organisation, or None without a live statistics page."""
    from .models import StatisticsPage

    page = index_page_for(StatisticsPage, request, public_only=True)
    if page is None:
        return None
    return buyer_path(page.get_url(request), organisation.pk, organisation.name)
