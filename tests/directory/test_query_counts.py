"""The directory and profile pages run a fixed, small number of SQL queries, whatever the number
of profiles and the page: repeated Wagtail look-ups come from the site cache, reference data
from memory (issue 16)."""

import pytest

from wagtail.models import Site

from cms.models import SiteSettings
from directory.models import CpvCode

from .factories import profile

pytestmark = pytest.mark.django_db

DIRECTORY_MAX = 15
PROFILE_MAX = 15
STATES = [
    {},
    {"q": "virksomhed"},
    {"cpv": "55000000", "municipality": "751", "target_group": "handicap"},
    {"q": "virksomhed", "cpv": "55000000", "tag": "fælles", "rsv": "1"},
    {"page": "2"},
    {"q": "virksomhed", "page": "2"},
    {"cpv": "55000000", "rsv": "1", "page": "2", "sort": "newest"},
]


def make_profiles(count):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as in production: it exists
    for n in range(count):
        profile(
            name=f"Virksomhed {n:03d}",
            cpv=["55520000", "90911200"],
            groups=["handicap"],
            municipalities=[751],
            delivery_scope="municipalities",
            tags=[f"t{n}", "fælles"],
            rsv_verified=n % 2 == 0,
            offerings=[("Kantine", "Frokost")],
        )


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(s) or "none")
def test_directory_page_queries_are_bounded(
    client, directory_page, django_assert_max_num_queries, count, state
):
    make_profiles(count)
    client.get("/leverandoerer/", {"cpv": "55000000"})  # builds the bitmaps, reads CPV codes
    with django_assert_max_num_queries(DIRECTORY_MAX):
        response = client.get("/leverandoerer/", state)
    assert response.status_code == 200
    assert "Virksomhed" in response.content.decode()


@pytest.mark.parametrize("count", [5, 40])
def test_profile_page_queries_are_bounded(
    client, directory_page, django_assert_max_num_queries, count
):
    make_profiles(count)
    first = profile(name="Kantinen", slug="kantinen", cpv=["55520000"], groups=["handicap"])
    first.cpv_codes.add(*CpvCode.objects.filter(code__in=["55510000", "90911200"]))
    client.get("/leverandoerer/kantinen/")
    with django_assert_max_num_queries(PROFILE_MAX):
        response = client.get("/leverandoerer/kantinen/")
    html = response.content.decode()
    assert "Kantinen" in html
    assert "Virksomhed" in html.split('id="similar-heading"', 1)[1]


def test_the_menu_follows_a_published_page(client, directory_page):
    client.get("/leverandoerer/")
    directory_page.title = "Find leverandører"
    directory_page.show_in_menus = True
    directory_page.save_revision().publish()
    assert ">Find leverandører</a>" in client.get("/leverandoerer/").content.decode()
