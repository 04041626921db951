"""Finding the one live page of a type (the directory, the tender plan, the statistics) for a
request."""

from django.conf import settings
from django.utils.translation import get_language


def index_page_for(model, request=None, public_only=False):
    """The live ``model`` page in the active language (else any), remembered per request;
    ``public_only``: only a page without view restrictions."""
    language = get_language() or settings.LANGUAGE_CODE
    key = (model._meta.label, language)
    cache = getattr(request, "_index_pages", None) if request is not None else None
    if cache is not None and key in cache:
        return cache[key]
    pages = model.objects.live().public() if public_only else model.objects.live()
    page = pages.filter(locale__language_code=language).first() or pages.first()
    if request is not None:
        if cache is None:
            cache = request._index_pages = {}
        cache[key] = page
    return page
