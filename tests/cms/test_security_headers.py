"""Content-Security-Policy, frame-ancestors and Permissions-Policy on public and admin pages."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from directory.models import DirectoryIndexPage
from events.models import EventIndexPage
from tests.directory.factories import profile
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")([^>]*)>"
)


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in header.split(";") if directive)
    }


def assert_strict_scripts(response):
    """Scripts from our origin or with this response's nonce; every inline one carries it."""
    scripts = policy(response)["script-src"]
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    nonces = {value for value in scripts if value.startswith("'nonce-")}
    for attributes in INLINE_SCRIPT.findall(response.content.decode()):
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, f"inline script without a nonce: <script{attributes}>"
        assert f"'nonce-{nonce.group(1)}'" in nonces


@pytest.fixture
def directory_page(home_page):
    page = home_page.add_child(
        instance=DirectoryIndexPage(title="Leverandører", slug="leverandoerer")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "x")
    client.force_login(user)
    return user


def test_public_pages_send_a_strict_policy_and_may_not_be_framed(client, directory_page):
    item = profile(name="Kantinen")
    for url in ["/", "/leverandoerer/", f"/leverandoerer/{item.slug}/", "/soeg/?q=kantine"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_scripts(response)
        assert policy(response)["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]


def test_the_widget_may_be_framed_by_the_configured_origins(client, directory_page, settings):
    response = client.get("/leverandoerer/widget/")
    assert policy(response)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response
    assert_strict_scripts(response)
    settings.WIDGET_FRAME_ANCESTORS = ["https://www.aarhus.dk", "https://odense.dk"]
    response = client.get("/leverandoerer/widget/")
    assert policy(response)["frame-ancestors"] == ["https://www.aarhus.dk", "https://odense.dk"]


def test_admin_edit_views_give_every_inline_script_the_nonce(client, home_page, editor):
    item = profile(name="Kantinen")
    index = home_page.add_child(instance=EventIndexPage(title="Arrangementer", slug="arr"))
    event = make_event(index)
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets_directory_supplierprofile:edit", args=[item.pk]),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_scripts(response)
        assert policy(response)["frame-ancestors"] == ["'none'"]
    assert 'nonce="' in client.get(urls[2]).content.decode()  # the date pickers' scripts


def test_admin_previews_may_be_framed_by_the_admin_only(client, home_page, editor):
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk]))
    assert policy(response)["frame-ancestors"] == ["'self'"]
