"""Fixtures shared by every app's tests."""

import os
import uuid

import pytest

from django.conf import settings
from django.db import transaction
from django.utils import translation

from wagtail.models import Locale, Page, Site

from cms.models import HomePage

requires_postgres = pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="needs PostgreSQL (Danish stemming, row locks)"
)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Danish: a request to an /en/ page leaves English active in the thread,
    which would otherwise leak into links and e-mails the next test builds outside a request."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_site_cache():
    """Each test starts with a new site version: a rolled-back test sends no signal, so what it
    cached (sites, menus) would otherwise outlive its pages."""
    from cms.site_cache import bump

    bump()


@pytest.fixture(autouse=True)
def fresh_bitmaps():
    """Each test starts without this process's bitmaps: the rows of a rolled-back test are gone
    without a tombstone, which bitmaps kept from it (``bitmaps.kept_profiles``) would count."""
    from directory import bitmaps

    bitmaps._current.clear()


def closed(response):
    """``response`` closed as the server closes it after sending (a streamed export gives its
    slot back), without the test client's closing of the database connection."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response


@pytest.fixture(autouse=True)
def free_export_slots(settings):
    """Each test starts with every directory export slot free: the test client closes a
    streamed response only when its body is read to the end (else see ``closed``)."""
    from django.core.cache import cache

    cache.delete_many(
        [f"directory-export-slot:{n}" for n in range(settings.DIRECTORY_EXPORT_SLOTS)]
    )


@pytest.fixture
def client(client):
    """Django's test client, where what a request queued for after its commit (e-mails) runs as
    the request ends, as it does outside the test's own transaction."""
    request = client.request

    def request_and_commit(**kwargs):
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        response = request(**kwargs)
        while len(connection.run_on_commit) > start:
            _savepoints, callback, _robust = connection.run_on_commit.pop(start)
            callback()
        return response

    client.request = request_and_commit
    return client


@pytest.fixture
def home_page(db):
    """A Danish home page as the default site's root, as after `load_demo_data`."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Forside", slug="forside", locale=Locale.objects.get(language_code="da")
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    for page in root.get_children().exclude(id=home.id):
        page.delete()
    return home


@pytest.fixture
def english_home(home_page):
    """The published English translation of the home page (served under /en/)."""
    page = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    page.save_revision().publish()
    return page


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_or_skip():
    """A client for the test Redis; skips without one, except in CI where it must be there."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    return client


@pytest.fixture
def redis_cache(settings):
    """The default cache on the real Redis, as in production, under a key prefix of its own."""
    client = redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
