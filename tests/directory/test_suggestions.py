"""The directory's results page: suggestions while typing, "Mente du …?", search words it
won't search, the default order, and one search behind the page, the site search and the API."""

import re

import pytest

from tests.conftest import requires_postgres

from .factories import profile

pytestmark = pytest.mark.django_db
SUGGEST = "/leverandoerer/forslag/"


@pytest.fixture
def trades(directory_page):
    return {
        "kantine": profile(
            name="Kantinen Aarhus", summary="Frokost til arbejdspladser.", cpv=["55510000"]
        ),
        "rent": profile(name="Rent Fællesskab", summary="Vi gør rent.", cpv=["90911200"]),
        "cykel": profile(
            name="Hjul i Gang", summary="Vi reparerer og sælger brugte cykler.", cpv=["50000000"]
        ),
        "kladde": profile(name="Kantinekladden", summary="Frokost.", cpv=[], live=False),
    }


def suggested(client, text, path=SUGGEST):
    return [
        (item["value"], item["kind"]) for item in client.get(path, {"q": text}).json()["results"]
    ]


def names(html):
    return re.findall(r'class="directory-card__title"><a [^>]*>([^<]+)</a>', html)


def test_suggestions_name_live_profiles_trades_and_cpv_labels(client, trades):
    found = suggested(client, "kant")
    assert ("Kantinen Aarhus", "supplier") in found
    assert ("kantine", "trade") in found
    assert ("Kantinevirksomhed", "cpv") in found  # 55510000, a live profile's code
    assert "Kantinekladden" not in [value for value, _kind in found]  # a draft


def test_suggestions_use_the_page_language_and_only_codes_in_use(client, trades, english_directory):
    english = suggested(client, "canteen", "/en/leverandoerer/forslag/")
    assert ("Canteen services", "cpv") in english
    danish = [value for value, kind in suggested(client, "rengøring") if kind == "cpv"]
    assert "Rengøring af bygninger" in danish  # 90911200, in use
    assert "Rengøring af skoler" not in danish  # no live profile has it


def test_suggestions_are_few_cacheable_and_need_two_letters(client, trades):
    for n in range(12):
        profile(name=f"Rengøringshold {n}", cpv=["90911200"])
    response = client.get(SUGGEST, {"q": "ren"})
    assert len(response.json()["results"]) == 8
    assert response["Cache-Control"] == "public, max-age=300"
    assert suggested(client, "r") == []
    assert suggested(client, "🧹🧹") == []


def test_a_word_finding_nothing_offers_the_closest_known_term(client, trades):
    html = client.get("/leverandoerer/", {"q": "snerydnig"}).content.decode()
    assert names(html) == []
    assert "Mente du" in html
    assert '<a href="?q=snerydning">snerydning</a>' in html


def test_nothing_close_offers_nothing(client, trades):
    html = client.get("/leverandoerer/", {"q": "zzqxvw"}).content.decode()
    assert "Ingen leverandører passer til din søgning" in html
    assert "Mente du" not in html


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/leverandoerer/", "Din søgning indeholder ingen bogstaver eller tal"),
        ("/en/leverandoerer/", "Your search has no letters or digits"),
    ],
)
def test_an_emoji_only_query_is_explained_in_the_page_language(
    client, trades, english_directory, path, message
):
    html = client.get(path, {"q": "🧹🧽"}).content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert names(html) == []


def test_an_over_long_query_is_explained_not_searched_nor_echoed(client, trades):
    response = client.get("/leverandoerer/", {"q": "kantine " * 20_000})
    html = response.content.decode()
    assert "Din søgning er for lang: brug højst 200 tegn" in html
    assert names(html) == []
    assert len(html) < 100_000
    value = re.search(r'id="directory-q" name="q" type="search" value="([^"]*)"', html)[1]
    assert len(value) <= 200  # kept to edit, cut to what may be searched


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("🧹🧽", "Your search has no letters or digits to search for. Try a word instead."),
        ("a" * 201, "Your search is too long: use at most 200 characters"),
        ("a" * 2000, "Your search is too long: use at most 200 characters"),
    ],
)
def test_the_api_answers_the_same_problems_with_a_400(client, trades, q, message):
    response = client.get("/api/v1/suppliers/", {"q": q})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "q"
    assert response.json()["detail"].startswith(message)


def test_the_empty_directory_sorts_a_first_search_by_relevance(client, trades):
    html = client.get("/leverandoerer/").content.decode()
    sort = re.search(r'<select class="form-select" id="directory-sort".*?</select>', html, re.S)[0]
    assert "Relevans" not in sort  # nothing to be relevant to yet
    assert '<option value="" selected>Navn</option>' in sort  # so a new search sends no order
    searched = client.get("/leverandoerer/", {"q": "frokost cykler", "sort": ""})
    assert searched.context["search"].effective_sort == "relevance"
    assert "Relevans" in searched.content.decode()


def test_sorting_is_offered_only_for_more_than_one_result(client, trades):
    html = client.get("/leverandoerer/", {"q": "cykler", "sort": "name"}).content.decode()
    assert names(html) == ["Hjul i Gang"]
    assert 'id="directory-sort"' not in html
    assert '<input type="hidden" name="sort" value="name">' in html  # a chosen order is kept


@requires_postgres
def test_the_page_the_site_search_and_the_api_use_one_search(client, trades):
    """Why each card matched is pinned in test_ranked_search."""
    for q in ("frokost", "cykelreparation", "rengøring af kontorer"):
        page = names(client.get("/leverandoerer/", {"q": q}).content.decode())
        sections = client.get("/soeg/", {"q": q}).context["sections"]
        site = [r["title"] for s in sections if s["title"] == "Leverandører" for r in s["results"]]
        api = [item["name"] for item in client.get("/api/v1/suppliers/", {"q": q}).json()["items"]]
        assert page, q
        assert site == page[:5]
        assert sorted(api) == sorted(page)
