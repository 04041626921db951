"""The client IP the rate limits count: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies."""

import pytest

from django.test import RequestFactory

from cms.client_ip import client_ip

PROXY = "10.0.0.1"


def ip(settings, proxies, forwarded=None):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    assert ip(settings, 0, "203.0.113.9") == PROXY
    assert ip(settings, 0) == PROXY


def test_one_proxy_takes_the_address_it_appended(settings):
    assert ip(settings, 1, "203.0.113.9, 198.51.100.7") == "198.51.100.7"
    assert ip(settings, 1, "198.51.100.7") == "198.51.100.7"


def test_two_proxies_take_the_address_the_outer_one_saw(settings):
    assert ip(settings, 2, "203.0.113.9, 198.51.100.7, 10.0.0.2") == "198.51.100.7"
    assert ip(settings, 2, "2001:DB8::0:1,,10.0.0.2") == "2001:db8::1"


@pytest.mark.parametrize(
    "forwarded",
    [
        "",
        " , ",
        "198.51.100.7",  # fewer entries than proxies
        "198.51.100.7, not-an-ip, 10.0.0.2",
        "198.51.100.7, 203.0.113.9:8080, 10.0.0.2",
        "198.51.100.7, ratelimit:x *, 10.0.0.2",
    ],
)
def test_missing_or_garbage_header_falls_back_to_remote_addr(settings, forwarded):
    assert ip(settings, 2, forwarded) == PROXY
