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


@requires_postgres
def test_a_word_in_the_label_of_a_code_above_the_profiles_finds_it(client, directory_page):
    profile(name="Klar Udsigt", summary="Vi pudser ruder.", cpv=["90911300"])
    profile(name="Vaskeriet", summary="Vi vasker linned.", cpv=["98310000"])
    assert names(client, "sanitet") == ["Klar Udsigt"]  # 90900000 Rengøring og sanitet


@requires_postgres
def test_a_compound_ranks_by_what_it_is_not_by_its_first_part(client, directory_page):
    profile(name="Kludeholdet", summary="Vi syr rengøringsklude af gamle lagner.", cpv=[])
    profile(name="Kontorholdet", summary="Vi står for kontorrengøring.", cpv=[])
    assert names(client, "rengøring") == ["Kontorholdet", "Kludeholdet"]


@requires_postgres
def test_a_word_is_not_found_inside_a_word_of_another_meaning(client, directory_page):
    profile(name="Udlånet", summary="Vi låner værktøj ud til foreninger.", cpv=[])
    profile(name="Systuen", summary="Vi reparerer tøj.", cpv=[])
    assert names(client, "tøj") == ["Systuen"]


@requires_postgres
def test_a_typo_in_a_trade_word_finds_its_synonyms_too(client, directory_page):
    profile(name="Udsendelsen", summary="Vi står for postudsendelse af breve.", cpv=[])
    assert "Udsendelsen" in names(client, "kuverteing")


@requires_postgres
def test_matching_every_word_beats_repeating_one(client, directory_page):
    profile(
        name="Cykelsmeden",
        summary="Reparation af cykler, reparation af ladcykler og reparation af dæk.",
        cpv=[],
    )
    profile(name="Sytøjet", summary="Reparation af tøj og arbejdstøj.", cpv=[])
    assert names(client, "reparation af tøj")[0] == "Sytøjet"


def test_compounds_split_into_the_fewest_parts_without_link_letters_first():
    from directory.language import decompound

    assert decompound("datasletning") == ("data", "sletning")
    assert decompound("vinduespudsning") == ("vindue", "pudsning")
    assert decompound("arbejdstøj") == ("arbejde", "tøj")
    assert decompound("køretøjer") == ()


def test_a_misspelt_word_is_matched_to_the_synonym_list():
    from directory.language import spelt_like

    assert spelt_like("kuverteing") == "kuvertering"
    assert spelt_like("rengøring") == "rengøring"
    assert spelt_like("xylofon") is None


@requires_postgres
def test_small_words_are_not_marked(client, trades):
    html = client.get("/leverandoerer/", {"q": "gardiner til kontorer"}).content.decode()
    assert "<mark>til</mark>" not in html
    assert "<mark>gardiner</mark>" in html


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("<b>Rengøring</b> & co", "&lt;b&gt;<mark>Rengøring</mark>&lt;/b&gt; &amp; co"),
        ("Vinduesrengøring, RENGØRE", "<mark>Vinduesrengøring</mark>, <mark>RENGØRE</mark>"),
        ("Vi gør rent", "Vi <mark>gør</mark> <mark>rent</mark>"),  # "gøre rent" less its end
        ("Maling af tage", None),
        ("", None),
    ],
)
def test_the_words_that_matched_are_marked_and_the_rest_escaped(text, marked):
    from directory.search import highlight, parse_words

    assert highlight(text, parse_words("rengøring")) == marked
