"""A 400 with a plain message (JSON under /api/) for a query string or path no view can use.

NUL bytes cannot be stored in or compared with PostgreSQL text, and bytes that are not UTF-8
only decode to replacement characters; either way the request came from a tool, not a form.
Checked once here, before any view parses ``request.GET``.
"""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse

MESSAGE = (
    "Ugyldige tegn i adressen: den indeholder et NUL-tegn eller tegn, der ikke er gyldig UTF-8.\n"
    "Invalid characters in the address: it contains a NUL character or bytes that are not UTF-8.\n"
)


def is_unusable(raw):
    """True if ``raw`` (bytes, still percent-encoded) decodes to NUL or to something not UTF-8."""
    data = unquote_to_bytes(raw)
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class QueryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        if "\x00" in request.path_info or is_unusable(raw_query):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": MESSAGE, "errors": [{"parameter": "?", "message": MESSAGE}]},
                    status=400,
                )
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
