"""ETag / Last-Modified validators from the data behind a file, and 304 answers."""

import hashlib

from django.conf import settings
from django.db.models import Count, Max
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

FORMAT_VERSION = "1"


def validators(request, sources):
    """(weak ETag, Unix time of the last change) for the request's URL and language over
    ``sources``, pairs of (queryset, date-time field): each adds its row count and latest time."""
    parts = [FORMAT_VERSION, settings.PUBLIC_BASE_URL, get_language(), request.get_full_path()]
    stamps = []
    for queryset, field in sources:
        found = queryset.order_by().aggregate(latest=Max(field), count=Count("pk"))
        parts += [str(found["count"]), found["latest"].isoformat() if found["latest"] else ""]
        if found["latest"] is not None:
            stamps.append(found["latest"])
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"', int(max(stamps).timestamp()) if stamps else 0


def conditional(request, sources, respond, max_age=300):
    """``respond()``'s response with validators, or 304 Not Modified when the client's copy
    (If-None-Match / If-Modified-Since) is current."""
    etag, last_modified = validators(request, sources)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = respond()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response
