"""The public tender plan: list, filters with counts, detail pages, feed and OCDS."""

import datetime
from xml.etree import ElementTree

import pytest

from django.utils import timezone

from directory.models import Municipality
from procurement.models import BuyerOrganisation

from .factories import make_entry, make_interest, months_ahead
from .ocds_check import cove_problems, ocds_validator

pytestmark = pytest.mark.django_db


def titles(response):
    return [entry.title for entry in response.context["entries"]]


@pytest.fixture
def plan(tender_page, aarhus, odense):
    """Entries of different kinds across buyers, months and CPV codes."""
    region = BuyerOrganisation.objects.get(region__code=1084)
    state = BuyerOrganisation.objects.create(name="Bygningsstyrelsen", kind="state")
    return {
        "cleaning": make_entry(aarhus, title="Rengøring af skoler", cpv=["90911200"]),
        "canteen": make_entry(
            odense,
            title="Kantinedrift på rådhuset",
            cpv=["55512000"],
            procedure="eu_tender",
            reservation="res-ws",
            value_min=5_000_000,
            value_max=7_000_000,
            expected_publication=months_ahead(8),
        ),
        "it": make_entry(
            region,
            title="Genbrug af it-udstyr",
            cpv=["50320000"],
            value_min=None,
            value_max=None,
            expected_publication=months_ahead(1),
        ),
        "print": make_entry(
            state,
            title="Tryk af pjecer",
            cpv=["79810000"],
            municipalities=[Municipality.objects.get(code=751)],
            status="awarded",
        ),
        "draft": make_entry(aarhus, title="Hemmelig kladde", publish=False),
    }


def test_list_shows_open_live_entries_soonest_first(client, plan):
    response = client.get("/udbudsplan/")
    assert response.status_code == 200
    assert titles(response) == [
        "Genbrug af it-udstyr",
        "Rengøring af skoler",
        "Kantinedrift på rådhuset",
    ]
    assert "Hemmelig kladde" not in response.content.decode()


def test_list_groups_by_quarter(client, plan):
    html = client.get("/udbudsplan/").content.decode()
    assert html.count('id="quarter-') >= 2


def test_archive_lists_awarded_entries(client, plan):
    response = client.get("/udbudsplan/?status=awarded&status=cancelled")
    assert titles(response) == ["Tryk af pjecer"]


def test_cpv_filter_includes_descendants(client, plan):
    assert titles(client.get("/udbudsplan/?cpv=90000000")) == ["Rengøring af skoler"]
    assert titles(client.get("/udbudsplan/?cpv=55000000")) == ["Kantinedrift på rådhuset"]


def test_cpv_filter_by_group_by_exact_codes_and_with_other_filters(client, plan):
    assert titles(client.get("/udbudsplan/?cpv=90900000")) == ["Rengøring af skoler"]
    both = titles(client.get("/udbudsplan/?cpv=90911200&cpv=55512000"))
    assert both == ["Rengøring af skoler", "Kantinedrift på rådhuset"]
    assert titles(client.get("/udbudsplan/?cpv=90000000&status=awarded")) == []


def test_buyer_counts_follow_the_other_filters(client, plan, aarhus, odense):
    def counts(query):
        facets = client.get("/udbudsplan/" + query).context["facets"]
        return {pk: n for pk, _name, n in facets["organisation"] if n}

    state = plan["print"].organisation_id
    assert counts("") == {aarhus.pk: 1, odense.pk: 1, plan["it"].organisation_id: 1}
    assert counts("?status=awarded") == {state: 1}
    assert counts("?procedure=eu_tender") == {odense.pk: 1}
    assert counts(f"?organisation={aarhus.pk}&cpv=90000000") == {aarhus.pk: 1}


def test_geography_filters(client, plan):
    aarhus_hits = titles(client.get("/udbudsplan/?municipality=751"))
    assert aarhus_hits == ["Rengøring af skoler"]
    capital = titles(client.get("/udbudsplan/?region=1084"))
    assert capital == ["Genbrug af it-udstyr"]
    facets = client.get("/udbudsplan/").context["facets"]
    by_region = {region.code: count for region, count in facets["regions"]}
    assert by_region[1084] == 1 and by_region[1082] == 1 and by_region[1083] == 1


def test_area_counts_follow_the_other_filters(client, plan):
    """Named municipalities count only for matching entries; unnamed ones by their buyer."""

    def counts(query):
        facets = client.get("/udbudsplan/" + query).context["facets"]
        towns = {m.code: n for _region, pairs in facets["municipalities"] for m, n in pairs}
        return towns, {region.code: n for region, n in facets["regions"]}

    towns, regions = counts("?status=awarded")
    assert towns[751] == 1 and sum(towns.values()) == 1
    assert regions[1082] == 1 and sum(regions.values()) == 1
    towns, regions = counts("?procedure=eu_tender")
    assert towns[461] == 1 and sum(towns.values()) == 1
    assert regions[1083] == 1 and sum(regions.values()) == 1


def test_procedure_reservation_value_and_window_filters(client, plan):
    assert titles(client.get("/udbudsplan/?procedure=eu_tender")) == ["Kantinedrift på rådhuset"]
    assert titles(client.get("/udbudsplan/?reservation=res-ws")) == ["Kantinedrift på rådhuset"]
    assert titles(client.get("/udbudsplan/?value=unknown")) == ["Genbrug af it-udstyr"]
    assert titles(client.get("/udbudsplan/?value=lt500k")) == ["Rengøring af skoler"]
    assert titles(client.get("/udbudsplan/?window=3")) == [
        "Genbrug af it-udstyr",
        "Rengøring af skoler",
    ]


def test_facet_counts_ignore_their_own_filter(client, plan):
    response = client.get("/udbudsplan/?procedure=eu_tender")
    counts = {value: count for value, _label, count in response.context["facets"]["procedure"]}
    assert counts["eu_tender"] == 1
    assert counts["below_threshold"] == 2
    window = {value: count for value, _label, count in response.context["facets"]["window"]}
    assert window["12"] == 1


def test_counts_follow_saved_unpublished_and_deleted_entries(client, plan):
    """Each change starts a new site version, so the counts are taken from new bitmaps."""

    def counts():
        facets = client.get("/udbudsplan/").context["facets"]
        procedures = {value: n for value, _label, n in facets["procedure"] if n}
        return procedures, {region.code: n for region, n in facets["regions"] if n}

    assert counts() == ({"eu_tender": 1, "below_threshold": 2}, {1082: 1, 1083: 1, 1084: 1})
    canteen = plan["canteen"]
    canteen.procedure = "below_threshold"
    canteen.save_revision().publish()
    assert counts() == ({"below_threshold": 3}, {1082: 1, 1083: 1, 1084: 1})
    plan["cleaning"].unpublish()
    assert counts() == ({"below_threshold": 2}, {1083: 1, 1084: 1})
    plan["it"].delete()
    assert counts() == ({"below_threshold": 1}, {1083: 1})


def test_full_text_search(client, plan):
    assert titles(client.get("/udbudsplan/?q=kantinedrift")) == ["Kantinedrift på rådhuset"]
    assert titles(client.get("/udbudsplan/?q=findesikke")) == []


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=999999",
        "cpv=xx&cpv=12",
        "municipality=99999&region=-1",
        "organisation=abc&organisation=0",
        "value=huge&window=7&status=secret&procedure=bribe",
        "q=" + "rengøring " * 600,
        "q=%27%22)(*&%ZZ",
    ],
)
def test_garbage_query_strings_give_a_normal_page(client, plan, query):
    assert client.get("/udbudsplan/?" + query).status_code == 200


def test_list_runs_a_constant_number_of_queries(
    client, plan, aarhus, django_assert_max_num_queries
):
    for n in range(15):
        make_entry(aarhus, title=f"Indkøb {n}", cpv=["90911200", "55520000"])
    with django_assert_max_num_queries(40) as few:
        client.get("/udbudsplan/?cpv=90000000")
    with django_assert_max_num_queries(len(few)):
        client.get("/udbudsplan/")


def test_detail_page_shows_everything_public(client, plan, soev_a):
    entry = plan["canteen"]
    profile, user = soev_a
    make_interest(entry, profile, user, message="Hemmelig besked")
    response = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kantinedrift på rådhuset" in html and "Odense Kommune" in html
    assert "5.000.000" in html and "7.000.000" in html
    assert "55512000" in html
    assert response.context["interest_count"] == 1
    assert "Hemmelig besked" not in html and profile.name not in html


def test_detail_url_without_or_with_a_wrong_slug_redirects(client, plan):
    entry = plan["cleaning"]
    response = client.get(f"/udbudsplan/{entry.pk}/forkert/")
    assert response.status_code == 301
    assert response["Location"] == f"/udbudsplan/{entry.pk}/{entry.slug}/"


def test_old_entries_stay_reachable_and_drafts_do_not(client, plan):
    old = plan["print"]
    old.interest_deadline = timezone.localdate() - datetime.timedelta(days=400)
    old.save()
    response = client.get(f"/udbudsplan/{old.pk}/{old.slug}/")
    assert response.status_code == 200
    assert "was awarded" in response.content.decode() or "tildelt" in response.content.decode()
    draft = plan["draft"]
    assert client.get(f"/udbudsplan/{draft.pk}/{draft.slug}/").status_code == 404
    assert client.get("/udbudsplan/999999/x/").status_code == 404


def test_anonymous_visitor_gets_log_in_call_to_action(client, plan):
    entry = plan["cleaning"]
    response = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/")
    assert response.context["express_form"] is None
    assert "/admin/login/?next=" in response.content.decode()


def test_logged_in_soev_gets_the_interest_form(client, plan, soev_a):
    entry = plan["cleaning"]
    client.force_login(soev_a[1])
    response = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/")
    assert response.context["express_form"] is not None
    assert 'name="action" value="express"' in response.content.decode()


def test_atom_feed_lists_new_entries_with_filters(client, plan):
    response = client.get("/udbudsplan/feed/?procedure=eu_tender")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    assert [e.find("atom:title", ns).text for e in entries] == [
        "Kantinedrift på rådhuset (Odense Kommune)"
    ]
    link = entries[0].find("atom:link", ns).attrib["href"]
    assert link.startswith("http://testserver/udbudsplan/")


ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def test_atom_feed_sends_what_buyers_typed_as_plain_text(client, tender_page, aarhus):
    tender_page.intro = "Køb <b>lokalt</b> & socialt"
    tender_page.save_revision().publish()
    make_entry(
        aarhus,
        title="Vinduer <i>og</i> døre & porte",
        summary="<b>Rengøring</b> & vinduespudsning <script>alert(1)</script>",
    )
    response = client.get("/udbudsplan/feed/")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.find("atom:subtitle", ATOM).text == "Køb <b>lokalt</b> & socialt"
    assert root.find("atom:subtitle", ATOM).get("type", "text") == "text"
    entry = root.find("atom:entry", ATOM)
    title, summary = entry.find("atom:title", ATOM), entry.find("atom:summary", ATOM)
    assert title.text == "Vinduer <i>og</i> døre & porte (Aarhus Kommune)"
    assert title.get("type", "text") == "text"
    assert summary.text == "<b>Rengøring</b> & vinduespudsning <script>alert(1)</script>"
    assert summary.get("type") == "text"
    assert entry.find("atom:author/atom:name", ATOM).text == "Aarhus Kommune"


def test_a_control_character_in_an_entry_does_not_break_the_feed(client, tender_page, aarhus):
    make_entry(aarhus, title="Rengøring\x0b af skoler", summary="Daglig\x1b rengøring.")
    response = client.get("/udbudsplan/feed/")
    assert response.status_code == 200
    entry = ElementTree.fromstring(response.content).find("atom:entry", ATOM)  # noqa: S314
    assert entry.find("atom:title", ATOM).text == "Rengøring af skoler (Aarhus Kommune)"
    assert entry.find("atom:summary", ATOM).text == "Daglig rengøring."


def test_ocds_release_package_validates(client, plan, soev_a, soev_b):
    entry = plan["canteen"]
    make_interest(entry, *soev_a, visible_to_others=True)
    make_interest(entry, *soev_b, visible_to_others=False)
    response = client.get("/udbudsplan/ocds.json")
    assert response.status_code == 200
    data = response.json()
    errors = sorted(ocds_validator().iter_errors(data), key=str)
    assert errors == [], [e.message for e in errors]
    assert cove_problems(data) == {}
    assert len(data["releases"]) == 4  # the awarded entry's history too
    release = next(r for r in data["releases"] if r["tender"]["title"] == entry.title)
    assert release["tag"] == ["planning"]
    assert release["tender"]["status"] == "planned"
    assert release["planning"]["budget"]["amount"] == {"amount": 7_000_000, "currency": "DKK"}
    assert release["tender"]["items"][0]["classification"] == {
        "scheme": "CPV",
        "id": "55512000",
        "description": "Drift af kantiner",
    }
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles["Odense Kommune"] == ["buyer"]
    assert roles[soev_a[0].name] == ["interestedParty"]
    assert soev_b[0].name not in roles


def test_ocds_uses_the_page_filters(client, plan):
    data = client.get("/udbudsplan/ocds.json?cpv=90000000").json()
    assert [r["tender"]["title"] for r in data["releases"]] == ["Rengøring af skoler"]
    archive = client.get("/udbudsplan/ocds.json?status=awarded").json()
    assert [r["tender"]["title"] for r in archive["releases"]] == ["Tryk af pjecer"]


def test_ocds_validator_catches_a_broken_release(client, plan):
    data = client.get("/udbudsplan/ocds.json").json()
    data["releases"][0]["tag"] = ["not-a-tag"]
    data["releases"][1]["tender"]["procurementMethod"] = "lottery"
    del data["releases"][0]["ocid"]
    assert list(ocds_validator().iter_errors(data))
    assert set(cove_problems(data)) == {"validation_errors", "additional_closed_codelist_values"}


def test_ocds_gives_each_tender_its_full_history(client, tender_page, aarhus, soev_a):
    entry = make_entry(aarhus, title="Vinduespudsning")
    entry.title = "Vinduespudsning på skoler"
    entry.save_revision().publish()
    make_interest(entry, *soev_a, visible_to_others=True)
    entry.status = "cancelled"
    entry.save_revision().publish()
    entry.unpublish()
    make_entry(aarhus, title="Kantine")

    data = client.get("/udbudsplan/ocds.json").json()
    assert cove_problems(data) == {}
    history = [r for r in data["releases"] if r["ocid"].endswith(f"-{entry.pk}")]
    assert [r["tag"] for r in history] == [["planning"]] + [["planningUpdate"]] * 3
    assert [r["tender"]["status"] for r in history] == [
        "planned",
        "planned",
        "cancelled",
        "withdrawn",
    ]
    assert [r["tender"].get("title") for r in history[:3]] == [
        "Vinduespudsning",
        "Vinduespudsning på skoler",
        "Vinduespudsning på skoler",
    ]
    assert [r["date"] for r in history] == sorted(r["date"] for r in history)
    assert len({r["id"] for r in data["releases"]}) == len(data["releases"])
    assert {r["language"] for r in history} == {"da"}
    assert all(party["roles"] == ["buyer"] for r in history[:3] for party in r["parties"])
    assert [r["tender"]["title"] for r in data["releases"] if r["tag"] == ["planning"]] == [
        "Vinduespudsning",
        "Kantine",
    ]


def test_ocds_release_ids_follow_the_interest_list(client, tender_page, aarhus, soev_a, soev_b):
    entry = make_entry(aarhus, title="Kantine")
    before = client.get("/udbudsplan/ocds.json").json()["releases"][0]
    interest = make_interest(entry, *soev_a, visible_to_others=True)
    with_interest = client.get("/udbudsplan/ocds.json").json()["releases"][0]
    assert soev_a[0].name in [party["name"] for party in with_interest["parties"]]
    assert with_interest["id"] != before["id"]
    assert with_interest["date"] > before["date"]
    interest.withdrawn_at = timezone.now()
    interest.save()
    withdrawn = client.get("/udbudsplan/ocds.json").json()["releases"][0]
    assert [party["name"] for party in withdrawn["parties"]] == ["Aarhus Kommune"]
    assert withdrawn["id"] not in (before["id"], with_interest["id"])


def test_ocds_keeps_paragraphs_and_uses_the_prefix_setting(client, tender_page, aarhus, settings):
    settings.OCDS_OCID_PREFIX = "ocds-test01"
    aarhus.cvr = "55133018"
    aarhus.save()
    make_entry(
        aarhus, title="Kantine", description="<p>Første afsnit.</p><p>Andet <b>afsnit</b>.</p>"
    )
    release = client.get("/udbudsplan/ocds.json").json()["releases"][0]
    assert release["ocid"].startswith("ocds-test01-")
    assert release["planning"]["rationale"] == "Første afsnit.\n\nAndet afsnit."
    assert release["language"] == "da"
    assert release["tender"]["procurementMethodDetails"] == "Indkøb under tærskelværdien"
    assert release["buyer"]["id"] == "DK-CVR-55133018"
    english = client.get("/udbudsplan/ocds.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (
        english["releases"][0]["tender"]["procurementMethodDetails"]
        == "Indkøb under tærskelværdien"
    )
    package = client.get("/udbudsplan/ocds.json").json()
    assert not list(ocds_validator().iter_errors(package))
    assert cove_problems(package) == {}


def test_atom_feed_parses_in_feedparser(client, tender_page, aarhus):
    import feedparser

    entry = make_entry(aarhus, title="Vinduespolering")
    parsed = feedparser.parse(client.get("/udbudsplan/feed/").content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries[0].link == f"http://testserver/udbudsplan/{entry.pk}/{entry.slug}/"
    assert parsed.entries[0].title == "Vinduespolering (Aarhus Kommune)"


def test_ocds_queries_do_not_grow_with_the_history(client, tender_page, aarhus, odense):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/udbudsplan/ocds.json").status_code == 200
        return len(queries)

    make_entry(aarhus, title="Kantine")
    few = count()
    for title, buyer in [("Vinduer", aarhus), ("Tryk", odense), ("Vask", odense)]:
        entry = make_entry(buyer, title=title, cpv=["90911200", "55512000"])
        entry.summary = "Ændret."
        entry.save_revision().publish()
    assert count() <= few


def test_breadcrumbs_are_dkfds_breadcrumbs_on_one_line(client, tender_page):
    body = client.get("/udbudsplan/").content.decode()
    assert '<nav class="breadcrumbs" aria-label="Brødkrummer">' in body
    assert '<ol class="breadcrumbs__list">' in body


def test_counts_follow_a_published_entry(client, plan, aarhus):
    assert "3 indkøb" in client.get("/udbudsplan/").content.decode()
    assert "3 indkøb" in client.get("/udbudsplan/").content.decode()  # from the cache
    make_entry(aarhus, title="Snerydning", cpv=["90620000"])
    html = client.get("/udbudsplan/").content.decode()
    assert "4 indkøb" in html
    assert "Snerydning" in html
