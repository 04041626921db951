"""The ranked search from the postings gives the matches and ranks of the SQL over the vectors
(``apply_search``), and the postings follow every write of a vector."""

import threading
import time

import numpy as np
import pytest
from psycopg import connect

from django.db import connection, transaction

from directory.models import SearchPhrase, SearchPosting, SearchPostingBlock, SupplierProfile
from directory.search import (
    PACKED,
    apply_search,
    matching_pks,
    parse,
    phrase_texts,
    ranked_matches,
    rebuild_phrases,
    reindex_all,
)
from tests.conftest import requires_postgres

from .factories import profile

pytestmark = [pytest.mark.django_db, requires_postgres]

QUERIES = [
    "rengøring",  # broad, with synonyms and the phrases "gøre rent", "facility services"
    "rengøring af kontorer",
    "trappevask",  # a compound
    "polstring af stole",  # synonyms of several words
    "vinduespudsning",
    "bespisning",  # a synonym
    "bike repair",  # English
    "gardinsying",  # a typo
    "cleaning services",
    "kontor",
]


@pytest.fixture
def trades(directory_page):
    rows = [
        ("Opgangen", "Vi sørger for vask af trapper i boligforeninger.", ["90911200"]),
        ("Rent & Rummeligt", "Trappevask og rengøring af kontorer.", []),
        ("Støvfri", "Vi gør rent på kontorer og skoler, også vinduer.", ["90911200"]),
        ("Facilitet", "Facility services and office cleaning.", []),
        ("Gardinværkstedet", "Vi syr gardiner efter mål til skoler og kontorer.", []),
        ("Gryden", "Vi laver forplejning til møder og kurser.", []),
        ("Hjul i Gang", "Vi reparerer og sælger brugte cykler.", ["50000000"]),
        ("Stolemageren", "Ompolstring og reparation af møbler, stole og sofaer.", []),
        ("Møbelhjælpen", "Vi tilbyder reparation af møbler.", []),  # only by a phrase
        ("Polerteamet", "Vi pudser vinduer på skoler. Vinduespudsning hver uge.", []),
        ("Kontorhjælpen", "Kontorrengøring, kontorservice og kontorartikler.", []),
        ("Kantinen", "Bespisning af medarbejdere, frokost hver dag.", []),
        ("Bike Repair Shop", "We do bike repair and sell used bicycles.", []),
    ]
    for name, summary, cpv in rows:
        profile(name=name, summary=summary, cpv=cpv)
    profile(name="Gamle Stole", summary="Stole og borde.", cpv=[], live=False)


def old_ranking(query):
    rows = apply_search(SupplierProfile.objects.all(), query).order_by().values_list("pk", "rank")
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def new_ranking(query):
    pks, ranks = ranked_matches(query)
    rows = zip(pks.tolist(), ranks.tolist(), strict=True)
    return sorted(rows, key=lambda row: (-row[1], row[0]))


@pytest.mark.parametrize("phrases", ["indexed", "new to the synonym list"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_postings_rank_as_the_vectors_do(trades, query, phrases):
    if phrases != "indexed":
        SearchPhrase.objects.all().delete()
    assert not parse(query).unknown  # else both are apply_search
    old, new = old_ranking(query), new_ranking(query)
    assert old, query
    assert [pk for pk, _rank in new] == [pk for pk, _rank in old]
    assert [rank for _pk, rank in new] == pytest.approx([rank for _pk, rank in old], rel=1e-5)


@pytest.mark.parametrize("phrases", ["indexed", "new to the synonym list"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_unranked_matches_are_the_ranked_ones(trades, query, phrases):
    if phrases != "indexed":
        SearchPhrase.objects.all().delete()
    assert set(matching_pks(query)) == {pk for pk, _rank in old_ranking(query)}


def vector_lexemes(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM directory_supplierprofile, unnest(search_vector) WHERE id = %s",
            [pk],
        )
        return sorted(lexeme for (lexeme,) in cursor.fetchall())


def postings_of(pk):
    postings = SearchPosting.objects.filter(profile_id=pk).exclude(lexeme__in=phrase_texts())
    return sorted(postings.values_list("lexeme", flat=True))


def phrases_of(pk):
    postings = SearchPosting.objects.filter(profile_id=pk, lexeme__in=phrase_texts())
    return set(postings.values_list("lexeme", flat=True))


def blocks_hold_the_postings():
    """The blocks unpacked are the postings, each in the block of its profile id."""
    packed = {}
    for block in SearchPostingBlock.objects.all():
        for pk, score in np.frombuffer(bytes(block.postings), PACKED).tolist():
            assert pk // 256 == block.block
            packed[block.lexeme, pk] = score
    postings = SearchPosting.objects.values_list("lexeme", "profile_id", "score")
    return packed == {(lexeme, pk): float(np.float32(score)) for lexeme, pk, score in postings}


def test_the_postings_follow_saves_reindexing_and_deletes(trades):
    found = SupplierProfile.objects.get(name="Gryden")
    assert postings_of(found.pk) == vector_lexemes(found.pk)
    assert blocks_hold_the_postings()

    found.summary = "Vi laver frokost til kantiner."
    found.save()
    assert "frokost" in postings_of(found.pk)
    assert postings_of(found.pk) == vector_lexemes(found.pk)
    assert blocks_hold_the_postings()

    SearchPosting.objects.filter(profile_id=found.pk).delete()
    assert blocks_hold_the_postings()
    reindex_all(SupplierProfile.objects.filter(pk=found.pk))
    assert postings_of(found.pk) == vector_lexemes(found.pk)
    assert blocks_hold_the_postings()

    found.delete()
    assert not SearchPosting.objects.filter(profile_id=found.pk).exists()
    assert blocks_hold_the_postings()


def test_the_synonym_lists_phrases_follow_saves_and_rebuilds(trades):
    assert set(SearchPhrase.objects.values_list("text", flat=True)) == set(phrase_texts())
    chairs = SupplierProfile.objects.get(name="Stolemageren")
    assert "(reparation:* & af & møbler:*)" in phrases_of(chairs.pk)
    chairs.summary = "Vi syr hynder og puder."
    chairs.save()
    assert not phrases_of(chairs.pk)

    SearchPhrase.objects.all().delete()
    chairs.summary = "Furniture repair and upholstery."
    chairs.save()
    assert not phrases_of(chairs.pk)  # until the phrases are made anew
    rebuild_phrases()
    assert phrases_of(chairs.pk) == {"(furniture:* & repair:*)"}
    assert blocks_hold_the_postings()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_once_in_one_block_both_reach_it(directory_page):
    first, second = profile(name="Første"), profile(name="Anden")
    if first.pk // 256 != second.pk // 256:  # the ids crossed into the next block
        first, second = second, profile(name="Tredje")
    database = connection.settings_dict
    where = {"dbname": database["NAME"], "user": database["USER"], "host": database["HOST"]}
    insert = (
        "INSERT INTO directory_searchposting (profile_id, lexeme, score) "
        "VALUES (%s, 'zzsamtidig', 0.5)"
    )
    with connect(**where) as one, connect(**where) as other:
        one.execute(insert, [first.pk])  # its transaction holds the block
        waiting = threading.Thread(
            target=lambda: (other.execute(insert, [second.pk]), other.commit())
        )
        waiting.start()
        time.sleep(0.5)
        assert waiting.is_alive()  # waits for the block
        one.commit()
        waiting.join(timeout=10)
    with transaction.atomic():
        assert blocks_hold_the_postings()
        block = SearchPostingBlock.objects.get(lexeme="zzsamtidig")
    assert sorted(np.frombuffer(bytes(block.postings), PACKED)["id"].tolist()) == sorted(
        [first.pk, second.pk]
    )


def test_a_posting_scores_as_ts_rank_does(trades):
    found = SupplierProfile.objects.get(name="Polerteamet")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.lexeme, s.score, "
            "ts_rank(p.search_vector, quote_literal(s.lexeme)::tsquery, 0) "
            "FROM directory_searchposting s "
            "JOIN directory_supplierprofile p ON p.id = s.profile_id WHERE p.id = %s",
            [found.pk],
        )
        rows = cursor.fetchall()
    assert len(rows) > 5
    for lexeme, score, rank in rows:
        assert score == pytest.approx(rank, rel=1e-6), lexeme
