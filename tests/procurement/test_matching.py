"""Matching tender plan entries and SØV profiles: ranking, reasons, reservation, one query."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.groups import SUPPLIERS
from directory.models import Municipality
from procurement.matching import entries_for_profiles, profiles_for_entry
from tests.conftest import requires_postgres
from tests.directory.factories import profile

from .factories import make_entry, make_user

VEJLE, SYDDANMARK = 630, 1083


@pytest.fixture
def hand_built(aarhus):
    """An entry delivered in Vejle and five profiles that fit it less and less (or not at all)."""
    entry = make_entry(
        aarhus,
        title="Rengøring af skoler",
        summary="Daglig rengøring af tre skoler.",
        municipalities=Municipality.objects.filter(code=VEJLE),
        value_min=100_000,
        value_max=400_000,
        contract_duration_months=24,
    )
    profiles = {
        "exact": profile(
            name="Vejle Rent",
            summary="Vi gør skoler og institutioner rene.",
            delivery_scope="municipalities",
            municipalities=[VEJLE],
            cpv=["90911200"],
            contract_capacity="s",
        ),
        "class": profile(
            name="Kontorglans",
            summary="Kontorer skinner hos os.",
            delivery_scope="national",
            cpv=["90919200"],
            contract_capacity="xs",
        ),
        "words": profile(
            name="Syd Service",
            summary="Rengøring med mening.",
            delivery_scope="regions",
            regions=[SYDDANMARK],
        ),
        "other_field": profile(name="Kantinen", summary="Mad til mange.", cpv=["55510000"]),
        "offline": profile(name="Skjult Rent", cpv=["90911200"], live=False),
    }
    return entry, profiles


@requires_postgres
def test_profiles_rank_by_cpv_words_geography_and_capacity_with_reasons(hand_built):
    entry, profiles = hand_built
    matches = profiles_for_entry(entry)
    assert [m.profile_id for m in matches] == [
        profiles["exact"].pk,
        profiles["class"].pk,
        profiles["words"].pk,
    ]
    exact, same_class, words = matches
    assert exact.reason_text == (
        "CPV 90911200 Rengøring af bygninger · nævner rengøring, skoler · "
        "leverer i Vejle Kommune · har kapacitet til en kontrakt af denne størrelse"
    )
    assert same_class.reasons == [
        "samme klasse: CPV 90910000 Rengøring",
        "nævner rengøring",  # in the label of its CPV code, Rengøring af kontorer
        "leverer i hele landet",
    ]
    assert words.reasons == ["nævner rengøring", "leverer i Region Syddanmark"]
    with translation.override("en"):
        assert exact.reasons[0] == "CPV 90911200 Building-cleaning services"
        assert words.reasons[1] == "delivers in Region of Southern Denmark"


@requires_postgres
def test_a_reserved_entry_matches_only_eligible_profiles(aarhus):
    entry = make_entry(aarhus, reservation="res-ws")
    open_to_all = profile(name="Almindelig Rent", cpv=["90911200"])
    eligible = profile(
        name="Værkstedet Rent",
        cpv=["90911200"],
        reserved_contract_claim=True,
        employees_total=10,
        employees_special_terms=5,
    )
    matches = profiles_for_entry(entry)
    assert [m.profile_id for m in matches] == [eligible.pk]
    assert "kan byde på reserverede kontrakter" in matches[0].reasons
    assert open_to_all.pk not in {m.profile_id for m in profiles_for_entry(entry)}


@requires_postgres
def test_matching_one_entry_is_one_query_whatever_the_number_of_profiles(hand_built):
    entry, _profiles = hand_built
    with CaptureQueriesContext(connection) as few:
        profiles_for_entry(entry)
    for n in range(10):
        profile(name=f"Ekstra {n}", cpv=["90911200"], summary="Rengøring af skoler.")
    with CaptureQueriesContext(connection) as many:
        assert len(profiles_for_entry(entry)) == 13
    assert len(few) == len(many) == 1


@requires_postgres
def test_a_profile_sees_its_entries_best_first(hand_built, aarhus):
    entry, profiles = hand_built
    elsewhere = make_entry(aarhus, title="Vinduespudsning", summary="Vinduer på rådhuset.")
    make_entry(aarhus, title="Kantinedrift", summary="Frokost.", cpv=("55510000",))
    found = entries_for_profiles([profiles["exact"].pk])
    assert [m.entry_id for m in found] == [entry.pk, elsewhere.pk]
    assert found[1].reasons == [
        "CPV 90911200 Rengøring af bygninger",
        "har kapacitet til en kontrakt af denne størrelse",
    ]


def test_the_sqlite_fallback_ranks_alike(hand_built, settings):
    """Without PostgreSQL (``make run``) the same order, words found by substring."""
    from procurement import matching

    entry, profiles = hand_built
    rows = matching._python_rows([entry.pk], None, 20)
    assert [r["profile_id"] for r in rows][:2] == [profiles["exact"].pk, profiles["class"].pk]
    assert profiles["other_field"].pk not in {r["profile_id"] for r in rows}
    assert profiles["offline"].pk not in {r["profile_id"] for r in rows}


@requires_postgres
def test_the_supplier_dashboard_ranks_open_entries_with_reasons(client, hand_built, aarhus):
    entry, profiles = hand_built
    user = make_user("ejer@vejlerent.example", SUPPLIERS)
    profiles["exact"].owners.add(user)
    weaker = make_entry(aarhus, title="Vinduespudsning", summary="Vinduer på rådhuset.")
    make_entry(aarhus, title="Rengøring, kladde", publish=False)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "Udbud der matcher jer" in html
    assert html.index(entry.title) < html.index(weaker.title)
    assert "CPV 90911200 Rengøring af bygninger · nævner rengøring, skoler" in html
    assert "Rengøring, kladde" not in html


@requires_postgres
def test_the_tender_plan_filters_on_our_profile_for_a_logged_in_soev(
    client, tender_page, hand_built, aarhus
):
    entry, profiles = hand_built
    other = make_entry(aarhus, title="Kantinedrift", summary="Frokost.", cpv=("55510000",))
    user = make_user("ejer@vejlerent.example", SUPPLIERS)
    profiles["exact"].owners.add(user)
    assert "Matcher vores profil" not in client.get("/udbudsplan/").content.decode()
    client.force_login(user)
    html = client.get("/udbudsplan/").content.decode()
    assert "Matcher vores profil" in html and other.title in html
    html = client.get("/udbudsplan/?match=1").content.decode()
    assert entry.title in html and other.title not in html
    assert "Derfor passer det til jer:" in html
