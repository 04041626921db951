"""Facet keys stay in step with the profile, and the counts a visitor sees follow every change."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.facets import ALL
from directory.models import TargetGroup
from directory.queries import DirectoryQuery

from .factories import profile

pytestmark = pytest.mark.django_db


def division_count(client, code):
    """The count shown for a CPV division; divisions without profiles are not offered."""
    html = client.get("/leverandoerer/").content.decode()
    option = re.search(rf'<option value="{code}"[^>]*>[^<]*\((\d+)\)</option>', html)
    return int(option.group(1)) if option else 0


def count_queries(client, params):
    """How many queries a directory search runs for its facet counts: ranking the matches of
    its words, or every profile's facet keys for the bitmaps."""
    with CaptureQueriesContext(connection) as captured:
        client.get("/leverandoerer/", params)
    reads = (
        ' AS "rank" FROM "directory_supplierprofile"',
        "FROM directory_searchpostingblock WHERE",
        '"directory_supplierprofile"."facet_keys" FROM',
    )
    return sum(any(read in query["sql"] for read in reads) for query in captured)


def test_keys_describe_what_a_buyer_can_filter_on():
    kantine = profile(
        cpv=["55520000"],
        delivery_scope="municipalities",
        municipalities=[751, 101],
        groups=["handicap"],
        tags=["økologi"],
        rsv_verified=True,
        open_to_consortia=True,
    )
    kantine.refresh_from_db()
    keys = set(kantine.facet_keys)
    assert {ALL, "cpv:55000000", "cpv:55500000", "cpv:55520000"} <= keys
    assert {"geo:mun:751", "geo:mun:101", "geo:loc:1082", "geo:loc:1084"} <= keys
    assert {"tg:handicap", f"tag:{kantine.tags.get().pk}", "flag:rsv", "flag:consortia"} <= keys
    assert "flag:reserved" not in keys
    assert not any(key.startswith(("geo:nat", "geo:reg")) for key in keys)


def test_counts_follow_a_deletion_and_a_target_group_rename(client, directory_page):
    kept = profile(cpv=["90911200"], groups=["handicap"])
    gone = profile(cpv=["90919200"], groups=["handicap"])
    assert division_count(client, "90000000") == 2
    gone.delete()  # leaves the newest change time as it was
    assert division_count(client, "90000000") == 1
    group = TargetGroup.objects.get(slug="handicap", locale__language_code="da")
    group.slug = "handicappede"
    group.save()
    query = DirectoryQuery(target_groups=("handicappede",))
    assert query.facet_counts["matches"][ALL] == 1
    assert set(query.filtered()) == {kept}


def test_counts_follow_publishing_and_unpublishing(client, directory_page):
    first = profile(cpv=["90911200"])
    assert division_count(client, "90000000") == 1
    second = profile(cpv=["90919200"])
    assert division_count(client, "90000000") == 2
    second.live = False
    second.save()
    assert division_count(client, "90000000") == 1
    first.cpv_codes.set(["55520000"])
    first.save()
    assert division_count(client, "90000000") == 0
    assert division_count(client, "55000000") == 1


def test_drill_down_counts_everything_below_each_child(client, directory_page):
    profile(cpv=["55521100"])  # category below 55520000
    profile(cpv=["55523100"])
    profile(cpv=["55510000"])
    html = client.get("/leverandoerer/", {"cpv": "55500000"}).content.decode()
    children = dict(
        re.findall(r'>(5\d{7}) [^<]+</a> <span class="directory__count">\((\d+)\)', html)
    )
    assert children == {"55510000": "1", "55520000": "2"}


def test_each_facet_counts_without_its_own_filter(directory_page):
    profile(cpv=["55520000"], delivery_scope="municipalities", municipalities=[751])
    profile(cpv=["90911200"], delivery_scope="municipalities", municipalities=[751])
    profile(cpv=["55520000"], delivery_scope="municipalities", municipalities=[101])
    query = DirectoryQuery(cpv=("55000000",), municipality=751)
    assert query.count == 1
    assert query.facet_counts["cpv"]["cpv:90000000"] == 1  # other divisions, in Aarhus
    assert query.facet_counts["geo"]["geo:mun:101"] == 1  # other places, in catering


def test_a_repeated_search_reuses_the_counts(client, directory_page):
    for _n in range(3):
        profile(cpv=["55520000"], groups=["handicap"])
    search = {"q": "virksomhed", "target_group": "handicap"}
    client.get("/leverandoerer/")
    # the words' matches once, for the counts with and without the target-group filter
    assert count_queries(client, search) == 1
    assert count_queries(client, {**search, "sort": "name"}) == 0


def test_words_sorted_by_newest_are_matched_once_and_not_ranked(client, directory_page):
    for _n in range(3):
        profile(cpv=["55520000"])
    search = {"q": "virksomhed", "sort": "newest"}
    client.get("/leverandoerer/")
    assert count_queries(client, search) == 1
    words = DirectoryQuery(q="virksomhed")
    assert cache.get(words.cache_key("matched")) and cache.get(words.cache_key("ranked")) is None
    assert count_queries(client, {**search, "page": "2"}) == 0  # the matches from the cache
    assert count_queries(client, {**search, "sort": "name", "rsv": "1"}) == 0


def test_renaming_a_target_group_slug_keeps_its_profiles_findable(directory_page):
    member = profile(groups=["misbrug"])
    group = TargetGroup.objects.get(slug="misbrug", locale__language_code="da")
    group.slug = "tidligere-misbrugere"
    group.save()
    assert set(DirectoryQuery(target_groups=("tidligere-misbrugere",)).filtered()) == {member}
    assert not DirectoryQuery(target_groups=("misbrug",)).filtered().exists()


def test_adding_a_filter_reuses_the_counts_of_the_search_before(client, directory_page):
    for _n in range(3):
        profile(cpv=["55520000"], groups=["handicap"])
    narrowed = {"q": "virksomhed", "target_group": "handicap"}
    client.get("/leverandoerer/")
    cache.clear()
    assert count_queries(client, narrowed) == 1
    cache.clear()
    client.get("/leverandoerer/", {"q": "virksomhed"})
    assert count_queries(client, narrowed) == 0  # the words were ranked by the search before


def test_the_tag_facet_offers_the_most_used_tags_and_the_one_chosen(client, directory_page):
    for n in range(18):  # tag n on n + 1 profiles: 17 is the most used, 0 the least
        for _copy in range(n % 16 + 1):  # 16 and 17 as rare as 0 and 1
            profile(tags=[f"Emne {n:02d}"])
    html = client.get("/leverandoerer/", {"tag": "emne-00"}).content.decode()
    shown = re.findall(r'for="tag-([^"]+)">[^<]*<span class="directory__count">\((\d+)\)', html)
    assert shown == [
        *((f"emne-{n:02d}", str(n + 1)) for n in range(15, 1, -1)),
        ("emne-01", "2"),  # the fifteenth, tied with emne-17: by name
        ("emne-00", "1"),  # chosen
    ]


def test_a_text_edit_keeps_the_bitmaps_a_new_name_or_code_builds_them(client, directory_page):
    bakery = profile(name="Bageriet", cpv=["15810000"])
    profile(name="Cykelværkstedet", cpv=["50000000"])
    client.get("/leverandoerer/")

    def listed():
        """(the names listed, whether every live profile's keys were read again)."""
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/leverandoerer/").content.decode()
        reads = [q["sql"] for q in captured if '"facet_keys"' in q["sql"]]
        names = re.findall(r'class="directory-card__title"><a [^>]*>([^<]+)</a>', html)
        return names, any('"updated_at" >' not in sql for sql in reads)

    bakery.summary = "Nybagt brød hver morgen"
    bakery.save()
    assert listed() == (["Bageriet", "Cykelværkstedet"], False)
    bakery.name = "Zebrabageriet"
    bakery.save()
    assert listed() == (["Cykelværkstedet", "Zebrabageriet"], True)
    bakery.cpv_codes.set(["50000000"])
    bakery.save()
    assert division_count(client, "50000000") == 2
    assert division_count(client, "15000000") == 0
