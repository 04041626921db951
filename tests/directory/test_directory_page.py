"""The public directory at /leverandoerer/: search, filters with counts, sorting, empty state."""

import re

import pytest

from django.conf import settings
from django.http import QueryDict
from django.utils.http import urlencode

from wagtail.models import Page

from directory.models import DirectoryIndexPage
from directory.queries import DirectoryQuery

from .factories import profile

pytestmark = pytest.mark.django_db
PAGE_SIZE = settings.LISTING_PAGE_SIZE


@pytest.fixture
def suppliers(directory_page):
    return {
        "kantine": profile(
            name="Kantinen Aarhus",
            summary="Frokost og mødemad til arbejdspladser",
            cpv=["55520000"],
            delivery_scope="municipalities",
            municipalities=[751],
            groups=["handicap"],
            tags=["økologi"],
            rsv_claimed=True,
            rsv_verified=True,
        ),
        "rent": profile(
            name="Rent Fællesskab",
            summary="Rengøring af kontorer og skoler",
            cpv=["90911200"],
            delivery_scope="regions",
            regions=[1084],
            groups=["langtidsledige"],
            open_to_consortia=True,
        ),
        "cykel": profile(
            name="Cykelsmedjen",
            summary="Reparation af tjenestecykler",
            cpv=["50000000"],
            delivery_scope="national",
            groups=["unge-udsatte", "handicap"],
        ),
        "kladde": profile(name="Kladdekøkkenet", summary="Catering", cpv=["55520000"], live=False),
    }


def names(response):
    return re.findall(
        r'class="directory-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_page_tree_rules():
    assert DirectoryIndexPage.parent_page_types == ["cms.HomePage"]
    assert DirectoryIndexPage.subpage_types == []


def test_lists_only_live_profiles_by_name(client, suppliers):
    response = client.get("/leverandoerer/")
    assert response.status_code == 200
    assert names(response) == ["Cykelsmedjen", "Kantinen Aarhus", "Rent Fællesskab"]
    assert "3 leverandører fundet" in response.content.decode()


def test_search_finds_words_in_the_cpv_labels(client, suppliers):
    response = client.get("/leverandoerer/", {"q": "catering"})
    assert names(response) == ["Kantinen Aarhus"]


def test_filters_combine_and_show_counts(client, suppliers):
    response = client.get("/leverandoerer/", {"municipality": "751"})
    assert names(response) == ["Cykelsmedjen", "Kantinen Aarhus"]
    html = response.content.decode()
    assert re.search(
        r'value="handicap"[^>]*>\s*<label[^>]*>Mennesker med handicap '
        r'<span class="directory__count">\(2\)',
        html,
    )
    response = client.get(
        "/leverandoerer/", {"municipality": "751", "target_group": "handicap", "rsv": "1"}
    )
    assert names(response) == ["Kantinen Aarhus"]
    response = client.get("/leverandoerer/", {"region": "1084", "consortia": "1"})
    assert names(response) == ["Rent Fællesskab"]


def test_cpv_division_and_drill_down(client, suppliers):
    response = client.get("/leverandoerer/", {"cpv": "55000000"})
    assert names(response) == ["Kantinen Aarhus"]
    html = response.content.decode()
    assert "55500000 Kantine- og cateringvirksomhed" in html
    assert "cpv=55500000" in html
    division_option = re.search(r'<option value="90000000"[^>]*>([^<]+)</option>', html)
    assert division_option and division_option.group(1).endswith("(1)")


def test_cpv_label_search_offers_codes_to_filter_by(client, suppliers):
    response = client.get("/leverandoerer/", {"cpv_q": "catering"})
    assert "cpv=55520000" in response.content.decode()


def test_sorting_by_newest(client, suppliers):
    response = client.get("/leverandoerer/", {"sort": "newest"})
    assert len(names(response)) == 3
    assert 'value="newest" selected' in response.content.decode()


def test_empty_result_offers_to_drop_a_filter(client, suppliers):
    response = client.get("/leverandoerer/", {"q": "kantinen", "municipality": "101"})
    html = response.content.decode()
    assert names(response) == []
    assert "Ingen leverandører passer til din søgning" in html
    assert "Fjern Leverer til: København (1 leverandør)" in html


def test_unknown_filter_values_are_named_and_left_out(client, suppliers):
    response = client.get(
        "/leverandoerer/", {"cpv": ["12345678", "<b>x</b>"], "municipality": "9999"}
    )
    html = response.content.decode()
    assert names(response) == ["Cykelsmedjen", "Kantinen Aarhus", "Rent Fællesskab"]
    assert (
        "Ikke brugt i søgningen, fordi vi ikke kender dem: CPV-kode &lt;b&gt;x&lt;/b&gt;, "
        "CPV-kode 12345678, kommune 9999." in html
    )
    assert "Ikke brugt i søgningen" not in client.get("/leverandoerer/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"cpv": "12345678"},
        {"cpv": "<script>"},
        {"municipality": "x", "region": "-1"},
        {"q": "a" * 5000},
        {"q": "'); DROP TABLE x; --", "sort": "bogus"},
        {"target_group": "nobody", "tag": "x" * 500},
    ],
)
def test_any_query_string_gives_a_normal_page(client, suppliers, query):
    response = client.get("/leverandoerer/", query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 1)[1].replace(
        '<script src="', ""
    ).replace('<script type="application/ld+json">', "")


def test_user_text_is_escaped(client, directory_page):
    profile(name="<b>Fed</b> & co", summary="<script>alert(1)</script>", cpv=["55520000"])
    html = client.get("/leverandoerer/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_list_page_runs_a_constant_number_of_queries(
    client, directory_page, django_assert_max_num_queries
):
    for n in range(3):
        profile(cpv=["55520000", "90911200"], groups=["handicap"], tags=[f"t{n}"])
    client.get("/leverandoerer/")
    with django_assert_max_num_queries(60) as few:
        client.get("/leverandoerer/", {"q": "virksomhed", "municipality": "751"})
    bound = len(few.captured_queries)  # read now: the next request starts a new query log
    for n in range(PAGE_SIZE):
        profile(cpv=["55520000", "90911200"], groups=["handicap"], tags=[f"u{n}"])
    client.get("/leverandoerer/")  # the first search after a change builds the bitmaps
    with django_assert_max_num_queries(bound):
        response = client.get("/leverandoerer/", {"q": "virksomhed", "municipality": "751"})
    assert len(names(response)) == PAGE_SIZE


def test_pagination_keeps_the_filters(client, directory_page):
    for _n in range(PAGE_SIZE + 2):
        profile(cpv=["55520000"])
    response = client.get("/leverandoerer/", {"cpv": "55000000"})
    html = response.content.decode()
    assert "side 1 af 2" in html
    assert "cpv=55000000&amp;page=2" in html
    assert len(names(client.get("/leverandoerer/", {"cpv": "55000000", "page": "2"}))) == 2


def test_english_page_uses_english_labels(client, suppliers, english_directory):
    response = client.get("/en/leverandoerer/", {"cpv": "55000000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 supplier found" in html
    assert "Canteen and catering services" in html
    assert "People with disabilities" in html


def test_name_suggestions(client, suppliers):
    data = client.get("/leverandoerer/forslag/", {"q": "kant"}).json()
    names = [item["value"] for item in data["results"] if item["kind"] == "supplier"]
    assert names == ["Kantinen Aarhus"]


def test_draft_directory_page_is_not_served(client, directory_page):
    Page.objects.filter(pk=directory_page.pk).update(live=False)
    assert client.get("/leverandoerer/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"cpv": "55000000"},
        {"q": "kantine", "rsv": "1"},
        {"sort": "newest"},
        {"q": "kantine", "sort": "newest"},
        {"q": "kantine", "sort": "name"},
    ],
)
def test_a_deep_page_continues_the_order_of_the_first(client, directory_page, params):
    for n in range(2 * PAGE_SIZE + 3):
        profile(
            name=f"Kantine {(n * 7) % 20:02d}",
            summary="Kantine" if n % 3 else "Kantine og kantinedrift",
            cpv=["55520000"],
            rsv_verified=True,
        )
    pages = [names(client.get("/leverandoerer/", {**params, "page": n})) for n in (1, 2, 3)]
    listed = [name for page in pages for name in page]
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 3]
    assert len(set(listed)) < len(listed)  # some names repeat: the ties are broken, not lost
    if not params.keys() & {"q", "sort"}:
        assert listed == sorted(listed)
    search = DirectoryQuery.from_querydict(QueryDict(urlencode(params))).validated()
    assert listed == [p.name for p in search.results()]
