"""Rate limits, CORS and default caching headers for the public APIs under /api/."""

import json
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from cms.client_ip import client_ip

API_PREFIX = "/api/"
# The open data files outside /api/ (OCDS package, calendars, directory exports, Atom feed)
# share the API's rate limit.
OPEN_DATA_FILE = re.compile(r"/(ocds\.json|kalender\.ics|eksport\.(csv|xlsx)|feed/)$")
DEFAULT_RATE = (600, 60)
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Encoding, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Disposition",
    "Access-Control-Max-Age": "86400",
}


def rate():
    """(requests, seconds) allowed per client IP address, from ``API_RATE_LIMIT``."""
    return getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE)


def json_response(data, status):
    return HttpResponse(
        json.dumps(data), status=status, content_type="application/json; charset=utf-8"
    )


class PublicApiMiddleware:
    """Per-IP rate limit (429 with Retry-After), CORS for reading, Cache-Control by default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            if OPEN_DATA_FILE.search(request.path):
                return self.limited(request) or self.get_response(request)
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            response = self.limited(request) or self.get_response(request)
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["Cache-Control"] = "public, max-age=60"
        for key, value in CORS_HEADERS.items():
            response[key] = value
        return response

    @staticmethod
    def limited(request):
        allowed, window = rate()
        now = time.time()
        bucket = int(now // window)
        key = f"api-rate:{client_ip(request)}:{bucket}"
        cache.add(key, 0, window + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            count = 1
        if count <= allowed:
            return None
        retry_after = max(1, int((bucket + 1) * window - now) + 1)
        response = json_response(
            {"detail": f"Too many requests. Try again in {retry_after} seconds."}, 429
        )
        response["Retry-After"] = str(retry_after)
        return response


def not_found(request, path=""):
    return json_response({"detail": "Not found."}, 404)
