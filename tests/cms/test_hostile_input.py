"""No query string gives a 500 on a public route: NUL bytes, undecodable bytes, bad escapes,
huge numbers and over-long values are a 400 or are treated as absent."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from ..conftest import closed, requires_postgres
from ..directory.factories import profile
from ..events.factories import make_event
from ..procurement.factories import BuyerOrganisationFactory, make_entry
from ..stats.conftest import site_pages

pytestmark = [requires_postgres, pytest.mark.xdist_group("hostile_input")]

ROUTES = [
    "/",
    "/en/",
    "/leverandoerer/",
    "/leverandoerer/forslag/",
    "/leverandoerer/widget/",
    "/leverandoerer/eksport.csv",
    "/leverandoerer/eksport.xlsx",
    "/leverandoerer/koekkenet/kontakt/",
    "/soeg/",
    "/udbudsplan/",
    "/udbudsplan/feed/",
    "/udbudsplan/ocds.json",
    "/gemte-soegninger/",
    "/arrangementer/",
    "/arrangementer/arkiv/",
    "/arrangementer/kalender.ics",
    "/api/v1/suppliers/",
    "/api/v1/suppliers.jsonl",
    "/api/v1/suppliers.csv",
    "/api/v1/tenders/",
    "/api/v1/events/",
    "/api/v1/deleted/",
    "/api/v1/cpv-codes/",
    "/api/cms/v2/pages/",
    "/api/cms/v2/images/",
    "/api/cms/v2/documents/",
    "/api/cms/v2/suppliers/",
    "/api/cms/v2/tenders/",
    "/api/cms/v2/events/",
]

PARAMETERS = [
    "q",
    "tag",
    "target_group",
    "cpv_q",
    "cpv",
    "page",
    "region",
    "municipality",
    "sort",
    "order",
    "offset",
    "limit",
    "cursor",
    "fields",
    "search",
    "rows",
    "heading",
    "type",
    "status",
    "buyer",
    "from",
    "to",
    "updated_since",
    "id",
    "child_of",
    "kind",
    "query",
]

HOSTILE_VALUES = [
    "%00",
    "a%00b",
    "%",
    "%zz",
    "%E2%82",
    "%FF%FE",
    "%C0%80",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "x" * 5000,
    "%F0%9F%98%80" * 300,
    "'\"<script>",
    "a&b=%00",
    "[]",
    "__proto__",
]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The public pages with a profile, a tender and an event, built once and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages = site_pages()
        profile(name="Køkkenet ApS", slug="koekkenet", email="kontakt@koekkenet.example")
        make_entry(BuyerOrganisationFactory())
        event = make_event(pages.events)
        yield event.url
        transaction.set_rollback(True)


@pytest.fixture
def routes(site, db):
    cache.clear()
    return [*ROUTES, site, f"{site}kalender.ics"]


def get(path, query):
    return closed(Client().get(path, QUERY_STRING=query))  # an export gives its slot back


def test_every_route_answers_without_hostile_input(routes):
    statuses = {path: get(path, "").status_code for path in routes}
    assert {p: s for p, s in statuses.items() if s >= 400} == {}


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_no_hostile_value_gives_a_500(routes, value):
    query = "&".join(f"{name}={value}" for name in PARAMETERS)
    failures = {path: get(path, query).status_code for path in routes}
    assert {p: s for p, s in failures.items() if s >= 500} == {}


def test_nul_bytes_and_undecodable_bytes_get_a_plain_danish_400(routes):
    for query in ["tag=%00", "q=a%00", "cpv_q=%FF", "page=%C3%28", "x%00=1", "q=\x00"]:
        response = get("/leverandoerer/", query)
        assert response.status_code == 400, query
        assert response["Content-Type"].startswith("text/plain")
        assert "Ugyldige tegn" in response.text
    response = get("/api/v1/suppliers/", "q=%00")
    assert response.status_code == 400
    assert "Ugyldige tegn" in response.json()["detail"]


def test_a_plain_query_still_works(routes):
    response = get("/leverandoerer/", "q=k%C3%B8kken&page=2")
    assert response.status_code == 200


QUERY_CHARS = st.sampled_from(
    ["%", "%00", "%FF", "%C3", "%A9", "&", "=", "+", ";", "[", "]", "a", "ø", "1", "-", "9" * 30]
)
query_strings = st.lists(QUERY_CHARS, max_size=30).map("".join)
params = st.lists(
    st.tuples(st.sampled_from(PARAMETERS), st.text(max_size=40) | query_strings), max_size=5
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(ROUTES), raw=query_strings, pairs=params)
def test_property_no_query_string_gives_a_500(routes, path, raw, pairs):
    from urllib.parse import quote

    encoded = "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs)
    for query in (raw, encoded, f"{encoded}&{raw}"):
        assert get(path, query).status_code < 500, f"{path}?{query}"


def test_a_long_search_makes_no_overlong_cache_key(routes):
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        assert get("/soeg/", "q=" + "x" * 5000).status_code == 200
