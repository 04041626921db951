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


def pytest_configure(config):
    # The work queue follows the order the hook below gives the tests (see there), not
    # pytest-xdist's own reordering, which puts every group, whatever it holds, before the rest.
    if config.getoption("dist", default="no") == "loadgroup":
        config.option.loadscopereorder = False


def _transactional(item):
    """Whether pytest-django flushes the database after ``item`` (it orders such tests last)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """``--dist loadgroup`` on pytest 9.2: pytest-xdist 3.8 names an item's group by appending
    ``@group`` to ``item._nodeid``, which pytest 9.2's structured node ids no longer read
    (pytest-xdist issue 1386), so every ``xdist_group`` was ignored: the browser tests' server
    was set up on both workers. Here the worker appends it where pytest 9.2 keeps the id.

    And the order the workers send out: the groups first, largest first (the browser tests take
    one worker for minutes while the other runs the rest), then the other tests in
    pytest-django's order, then groups with a test that flushes the database (after it the
    reference data the migrations loaded is gone, so pytest-django runs such tests last)."""
    if not config.getoption("loadgroup", default=False):
        return
    from _pytest.nodeid import NodeId

    groups = {}
    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if not names:
            continue
        group = "_".join(sorted(names))
        if not item.nodeid.endswith(f"@{group}"):
            item._id = NodeId.parse(f"{item.nodeid}@{group}")
        groups.setdefault(group, []).append(item)
    flushing = {name for name, members in groups.items() if any(map(_transactional, members))}
    first = sorted((g for g in groups if g not in flushing), key=lambda g: -len(groups[g]))
    grouped = {id(item) for members in groups.values() for item in members}
    items[:] = [
        *(item for g in first for item in groups[g]),
        *(item for item in items if id(item) not in grouped),
        *(item for g in groups if g in flushing for item in groups[g]),
    ]


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
