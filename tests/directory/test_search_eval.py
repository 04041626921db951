"""The search evaluation: its measures, the judged set, the demo corpus and a run on the page."""

import csv
import json
import re

import pytest
from stdnum.dk import cvr as stdnum_cvr

from directory.demo import DEMO_FILE
from directory.evaluation import (
    HELD_OUT_FILE,
    QUERIES_FILE,
    JudgedQuery,
    evaluate,
    load_queries,
    ndcg,
    profile_slugs,
    recall,
    reciprocal_rank,
)
from directory.importer import RowImporter
from directory.management.commands.search_eval import throwaway_name
from directory.models import SupplierProfile

PROFILES = [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines()]
BY_NAME = {row["name"]: row for row in PROFILES}
FAILURE_KINDS = {"compound", "partial", "typo", "synonym", "cpv", "english"}


def test_ndcg_rewards_the_best_profiles_first():
    grades = {"a": 3, "b": 1}
    assert ndcg(["a", "b"], grades) == 1.0
    assert ndcg(["b", "a"], grades) == pytest.approx(0.7098, abs=1e-4)
    assert ndcg(["x", "y", "a"], grades) < ndcg(["b", "a"], grades)
    assert ndcg([], grades) == 0.0


def test_ndcg_looks_at_the_first_ten_only():
    grades = {"a": 3}
    assert ndcg([f"x{i}" for i in range(10)] + ["a"], grades) == 0.0


def test_reciprocal_rank_counts_from_grade_two_and_recall_any_grade():
    grades = {"a": 1, "b": 2, "c": 3}
    assert reciprocal_rank(["a", "x", "b"], grades) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "x"], grades) == 0.0
    assert recall(["a", "x"], grades) == pytest.approx(1 / 3)
    assert recall(["x"] * 50 + ["a"], grades) == 0.0


def test_result_order_is_read_from_the_profile_links_in_main():
    html = (
        '<a href="/leverandoerer/i-sidehovedet/">x</a><main>'
        '<a href="/leverandoerer/b/"><img alt=""></a><a href="/leverandoerer/b/">B</a>'
        '<a href="/leverandoerer/a/?fra=soeg">A</a><a href="/leverandoerer/?page=2">Næste</a>'
        '<a href="/leverandoerer/eksport.csv">CSV</a><a href="/leverandoerer/b/kontakt/">K</a>'
        "</main>"
    )
    assert profile_slugs(html, "/leverandoerer/") == ["b", "a"]


def test_the_throwaway_database_is_never_the_database_itself_nor_the_test_runners():
    assert throwaway_name("so_eval") == "test_so_eval_search_eval"
    assert throwaway_name("socialoekonomisk_search_eval") == "test_socialoekonomisk_search_eval"


@pytest.mark.parametrize(("path", "size"), [(QUERIES_FILE, 40), (HELD_OUT_FILE, 30)])
def test_the_judged_set_is_well_formed_and_names_real_profiles(path, size):
    raw = json.loads(path.read_text(encoding="utf-8"))["queries"]
    queries = load_queries(path)
    assert len(queries) >= size
    assert len({(q.q, q.lang) for q in queries}) == len(queries)
    for item, query in zip(raw, queries, strict=True):
        assert 1 <= len(query.q.split()) <= 5, query.q
        assert query.lang in ("da", "en")
        assert 3 in query.grades.values(), query.q
        for judgement in item["judgements"]:
            assert judgement["grade"] in (1, 2, 3), query.q
            assert BY_NAME[judgement["name"]]["cvr"] == judgement["cvr"], judgement
        assert len(item["judgements"]) == len(query.grades), f"{query.q}: a profile judged twice"
    kinds = {kind for q in queries for kind in q.kinds}
    assert kinds >= FAILURE_KINDS
    assert all(q.lang == "en" for q in queries if "english" in q.kinds)


def test_the_held_out_queries_are_not_in_the_judged_set():
    judged = {q.q for q in load_queries()}
    assert not judged & {q.q for q in load_queries(HELD_OUT_FILE)}


def test_the_demo_corpus_is_large_varied_and_valid():
    with open(DEMO_FILE.parent / "cpv_2008.csv", encoding="utf-8") as labels:
        cpv_codes = {row["code"] for row in csv.DictReader(labels)}
    assert len(PROFILES) >= 200
    assert len({row["_trade"] for row in PROFILES}) >= 15
    for field in ("cvr", "name", "summary", "description", "social_purpose"):
        values = [row[field] for row in PROFILES]
        assert len(set(values)) == len(values), f"two profiles share a {field}"
    for row in PROFILES:
        assert stdnum_cvr.is_valid(row["cvr"]), row["name"]
        codes = row["cpv"] + [o["cpv"] for o in row["offerings"] if o.get("cpv")]
        assert set(codes) <= cpv_codes, row["name"]


@pytest.fixture
def three_suppliers(directory_page, english_directory):
    names = ["Klar Udsigt", "Rengøringsholdet Vestegnen", "Smag for Alle"]
    report = RowImporter(publish=True).run([(n, BY_NAME[name]) for n, name in enumerate(names)])
    assert report.created == 3, report.errors
    return {name: BY_NAME[name]["cvr"] for name in names}


def test_evaluate_scores_what_the_directory_page_lists(client, three_suppliers):
    cvr = three_suppliers
    queries = [
        JudgedQuery("vinduespudsning", "da", ("plain",), {cvr["Klar Udsigt"]: 3}),
        JudgedQuery("catering", "en", ("english",), {cvr["Smag for Alle"]: 3}),
    ]
    cvr_by_slug = dict(SupplierProfile.objects.values_list("slug", "cvr"))
    result = evaluate(
        client, queries, {"da": "/leverandoerer/", "en": "/en/leverandoerer/"}, cvr_by_slug
    )
    windows, catering = result["queries"]
    assert set(windows["top10"]) == {cvr["Klar Udsigt"], cvr["Rengøringsholdet Vestegnen"]}
    assert windows["ndcg@10"] == ndcg(windows["top10"], queries[0].grades)
    assert catering["top10"] == [cvr["Smag for Alle"]]
    assert catering["ndcg@10"] == catering["rr"] == catering["recall@50"] == 1.0
    assert result["total"]["queries"] == 2


def test_the_parsed_order_is_the_order_of_the_result_cards(client, three_suppliers):
    html = client.get("/leverandoerer/").content.decode()
    cards = re.findall(r'class="directory-card__title"><a href="/leverandoerer/([^/"]+)/"', html)
    assert len(cards) == 3
    assert profile_slugs(html, "/leverandoerer/") == cards
