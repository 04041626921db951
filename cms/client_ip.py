"""The visitor's IP address, also behind the reverse proxies named by ``TRUSTED_PROXY_COUNT``."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address the outermost trusted proxy saw, else ``REMOTE_ADDR``.

    Each proxy appends the address it received the request from to ``X-Forwarded-For``, so with
    N trusted proxies the N-th entry from the right is the client; entries further left are
    whatever the client sent and are never used. Without trusted proxies the header is ignored.
    """
    remote_addr = request.META.get("REMOTE_ADDR") or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1:
        return remote_addr
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in header.split(",") if entry.strip()]
    if len(entries) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote_addr
