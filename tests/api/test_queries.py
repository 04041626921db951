"""API lists run a fixed number of queries, whatever the page size."""

import pytest

from directory.models import Municipality
from tests.directory.factories import profile
from tests.events.factories import PartnerFactory, make_event
from tests.procurement.factories import make_entry

MAX_QUERIES = {"suppliers": 13, "tenders": 9, "events": 8}


@pytest.fixture
def many(pages, aarhus):
    partner = PartnerFactory()
    local = list(Municipality.objects.filter(code=751))
    for n in range(12):
        profile(
            name=f"Leverandør {n}",
            cpv=["90911200", "55520000"],
            groups=["handicap"],
            municipalities=[751],
            tags=[f"tag{n}", "fælles"],
            offerings=[("Rengøring", "Kontorer"), ("Kantine", "Frokost")],
        )
        make_entry(aarhus, title=f"Udbud {n}", municipalities=local)
        make_event(pages["events"], title=f"Arrangement {n}", organiser=partner)


@pytest.mark.parametrize("kind", ["suppliers", "tenders", "events"])
@pytest.mark.parametrize(
    "base", ["/api/v1/{kind}/?limit={n}", "/api/cms/v2/{kind}/?fields=*&limit={n}"]
)
@pytest.mark.parametrize("size", [2, 10])
def test_list_queries_do_not_grow_with_page_size(
    client, many, django_assert_max_num_queries, kind, base, size
):
    with django_assert_max_num_queries(MAX_QUERIES[kind]):
        response = client.get(base.format(kind=kind, n=size))
    assert response.status_code == 200
    assert len(response.json()["items"]) == size


def test_filtered_supplier_list_is_bounded_too(client, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["suppliers"] + 4):
        response = client.get(
            "/api/v1/suppliers/?cpv=90000000&municipality=751&target_group=handicap&limit=10"
        )
    assert len(response.json()["items"]) == 10


def test_a_search_pages_through_its_matches_without_reading_the_search_text(client, many):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile(name="Uden match", summary="Maling af tage")
    seen, url = [], "/api/v1/suppliers/?q=rengøring&limit=5"
    with CaptureQueriesContext(connection) as captured:
        while url:
            page = client.get(url).json()
            seen += [item["name"] for item in page["items"]]
            url = page["next"]
    assert sorted(seen) == sorted(f"Leverandør {n}" for n in range(12))
    read = " ".join(query["sql"] for query in captured)
    assert "search_vector" not in read
    assert "search_document" not in read
