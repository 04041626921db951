"""Finding the statistics page and the address of a buyer's public page."""

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language

from cms.slugs import DANISH_LETTERS


def statistics_page_for(request=None):
    """The live statistics page in the active language (else any), remembered per request."""
    from .models import StatisticsPage

    language = get_language() or settings.LANGUAGE_CODE
    cache = getattr(request, "_statistics_pages", None) if request is not None else None
    if cache is not None and language in cache:
        return cache[language]
    pages = StatisticsPage.objects.live().public()
    page = pages.filter(locale__language_code=language).first() or pages.first()
    if request is not None:
        if cache is None:
            cache = request._statistics_pages = {}
        cache[language] = page
    return page


def buyer_slug(name):
    return slugify(name.lower().translate(DANISH_LETTERS))[:80] or "ordregiver"


def buyer_path(page_url, pk, name):
    return f"{page_url}ordregivere/{pk}/{buyer_slug(name)}/"


def buyer_url(organisation, request=None):
    """The public page of a buyer organisation, or None without a live statistics page."""
    page = statistics_page_for(request)
    if page is None:
        return None
    return buyer_path(page.get_url(request), organisation.pk, organisation.name)
