"""The site's one public address (settings.PUBLIC_BASE_URL) and everything built on it."""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path="/"):
    """An absolute URL on the public address; absolute URLs pass through unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def page_url(page, request=None):
    """The public absolute URL of a page, or "" when it is not routable."""
    parts = page.get_url_parts(request)
    if not parts or parts[2] is None:
        return ""
    return public_url(parts[2])


class PublicUrlMixin:
    """Pages whose full URL (sitemap, API `html_url`, feeds) is on PUBLIC_BASE_URL."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        return parts[0], settings.PUBLIC_BASE_URL.rstrip("/"), parts[2]


def site_address():
    """(hostname, port) of PUBLIC_BASE_URL, for the Wagtail Site."""
    split = urlsplit(settings.PUBLIC_BASE_URL)
    return split.hostname or "localhost", split.port or (443 if split.scheme == "https" else 80)


def sync_default_site():
    """Write the default Wagtail Site's host and port from PUBLIC_BASE_URL."""
    from wagtail.models import Site

    hostname, port = site_address()
    return Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
