"""The ranked directory search on a small hand-built set: compounds, typos, synonyms, CPV labels,
English queries, ranking order and why each result matched."""

import re

import pytest

from tests.conftest import requires_postgres

from .factories import profile

pytestmark = pytest.mark.django_db


def names(client, q, path="/leverandoerer/"):
    html = client.get(path, {"q": q}).content.decode()
    return re.findall(r'class="directory-card__title"><a [^>]*>([^<]+)</a>', html)


@pytest.fixture
def trades(directory_page):
    profile(name="Opgangen", summary="Vi sørger for vask af trapper i boligforeninger.", cpv=[])
    profile(name="Vaskeriet", summary="Vi vasker linned og håndklæder.", cpv=[])
    profile(
        name="Gardinværkstedet",
        summary="Vi syr gardiner efter mål til skoler og kontorer.",
        cpv=[],
        offerings=[("Gardinsyning", "Opmåling og syning")],
    )
    profile(name="Gryden", summary="Vi laver forplejning til møder og kurser.", cpv=[])
    profile(name="Hjul i Gang", summary="Vi reparerer og sælger brugte cykler.", cpv=["50000000"])
    profile(name="Støvfri", summary="Vi holder kontorer pæne.", cpv=["90911200"])


@requires_postgres
def test_a_compound_finds_its_parts_written_apart(client, trades):
    assert "Opgangen" in names(client, "trappevask")


@requires_postgres
def test_a_typo_in_a_trade_word_still_finds_it(client, trades):
    assert "Gardinværkstedet" in names(client, "gardinsying")


@requires_postgres
def test_a_synonym_finds_the_other_word(client, trades):
    assert "Gryden" in names(client, "bespisning")


@requires_postgres
def test_a_word_only_in_a_cpv_label_finds_it_and_says_so(client, trades):
    html = client.get("/leverandoerer/", {"q": "rengøring af bygninger"}).content.decode()
    assert "Støvfri" in html
    assert "Kompetence: 90911200" in html


@requires_postgres
def test_an_english_query_finds_danish_profiles(client, trades, english_directory):
    assert "Hjul i Gang" in names(client, "bike repair", "/en/leverandoerer/")


@requires_postgres
def test_profiles_matching_more_words_rank_first(client, trades):
    found = names(client, "gardiner til kontorer")
    assert found[0] == "Gardinværkstedet"
    assert "Støvfri" in found  # one word is enough to be found


@requires_postgres
def test_matched_words_are_marked_in_the_summary(client, trades):
    html = client.get("/leverandoerer/", {"q": "gardiner"}).content.decode()
    assert "<mark>gardiner</mark>" in html


def test_an_emoji_only_query_finds_nothing_and_says_why(client, trades):
    html = client.get("/leverandoerer/", {"q": "🧹🧽"}).content.decode()
    assert "ingen bogstaver eller tal" in html
    assert names(client, "🧹🧽") == []
