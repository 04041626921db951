"""Security headers on every response: Content-Security-Policy with a per-request nonce for the
few inline scripts, frame-ancestors matching X-Frame-Options, and Permissions-Policy."""

import contextvars
from functools import wraps

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.utils.safestring import mark_safe

from wagtail.admin.widgets.chooser import BaseChooser

current_nonce = contextvars.ContextVar("csp_nonce", default=None)
# The admin's bundled libraries (Draftail, tooltips) add <style> elements and style attributes
# at run time, and the browsable page API has an inline <style>; scripts stay strict there too.
INLINE_STYLE_PATHS = ("/admin/", "/api/cms/")
INLINE_STYLE_SRC = ["'self'", "'unsafe-inline'"]


class SecurityHeadersMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        current_nonce.set(request.csp_nonce)

    def process_response(self, request, response):
        current_nonce.set(None)
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        replace = {**(parts.replace or {}), "frame-ancestors": frame_ancestors(response)}
        if request.path_info.startswith(INLINE_STYLE_PATHS):
            replace["style-src"] = INLINE_STYLE_SRC
        parts.replace = replace
        return parts


def frame_ancestors(response):
    """Who may frame the page: the widget's origins for pages exempt from X-Frame-Options,
    our own admin for its previews (SAMEORIGIN), nobody otherwise (DENY)."""
    if getattr(response, "xframe_options_exempt", False):
        return settings.WIDGET_FRAME_ANCESTORS
    if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
        return ["'self'"]
    return ["'none'"]


def nonce():
    """The current request's nonce ("" outside a request); using it puts it in the header."""
    value = current_nonce.get()
    return str(value) if value is not None else ""


def with_nonce(render):
    """Wagtail's chooser widgets end in an inline ``<script>``: give it the request's nonce."""

    @wraps(render)
    def render_with_nonce(*args, **kwargs):
        html = render(*args, **kwargs)
        value = nonce()
        return mark_safe(html.replace("<script>", f'<script nonce="{value}">')) if value else html  # noqa: S308

    return render_with_nonce


BaseChooser.render = with_nonce(BaseChooser.render)
