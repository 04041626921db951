"""Old profile addresses keep working: former slugs redirect, old automatic slugs get readable."""

import importlib

import pytest

from django.apps import apps

from directory.importer import unique_slug
from directory.models import FormerSlug, SupplierProfile

from .factories import profile

pytestmark = pytest.mark.django_db
reslug = importlib.import_module("directory.migrations.0009_former_slugs").reslug


def test_old_automatic_slugs_become_readable_and_redirect(client, directory_page):
    green = profile(name="Grøn Omstilling ApS", slug="grn-omstilling-aps")
    green.save_revision()
    twin = profile(name="Grøn Omstilling ApS.", slug="grn-omstilling-aps-2")
    chosen = profile(name="Sjællands Rengøringslaug", slug="rengoering-sjaelland")
    plain = profile(name="Kantinen Kraft", slug="kantinen-kraft")

    reslug(apps, None)

    for item in (green, twin, chosen, plain):
        item.refresh_from_db()
    assert green.slug == "groen-omstilling-aps"
    assert twin.slug == "groen-omstilling-aps-2"
    assert (chosen.slug, plain.slug) == ("rengoering-sjaelland", "kantinen-kraft")
    assert green.latest_revision.content["slug"] == "groen-omstilling-aps"
    response = client.get("/leverandoerer/grn-omstilling-aps/")
    assert response.status_code == 301
    assert response["Location"] == "/leverandoerer/groen-omstilling-aps/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/leverandoerer/grn-omstilling-aps-2/")["Location"].endswith("-aps-2/")


def test_a_changed_slug_redirects_and_is_not_given_away(client, directory_page, english_directory):
    item = profile(name="Vaskeriet", slug="vaskeriet")
    item.slug = "vaskeriet-i-aarhus"
    item.save()
    response = client.get("/leverandoerer/vaskeriet/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/leverandoerer/vaskeriet-i-aarhus/",
    )
    english = client.get("/en/leverandoerer/vaskeriet/")
    assert english.status_code == 301
    assert english["Location"].endswith("/vaskeriet-i-aarhus/")
    assert english["Location"].startswith("/en/")
    assert unique_slug("Vaskeriet") == "vaskeriet-2"

    item.slug = "vaskeriet"  # back again: the current slug is no former one
    item.save()
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["vaskeriet-i-aarhus"]
    assert client.get("/leverandoerer/vaskeriet/").status_code == 200


def test_a_former_slug_of_an_offline_profile_is_a_404(client, directory_page):
    item = profile(name="Vaskeriet", slug="vaskeriet")
    item.slug = "vaskeriet-nord"
    item.save()
    SupplierProfile.objects.filter(pk=item.pk).update(live=False)
    assert client.get("/leverandoerer/vaskeriet/").status_code == 404
    assert client.get("/leverandoerer/findes-ikke/").status_code == 404
