"""The tender plan and an entry's page run a fixed, small number of SQL queries, whatever the
number of entries (issue 16)."""

import pytest

from wagtail.models import Site

from cms.models import SiteSettings
from directory.models import Municipality

from .factories import make_entry

pytestmark = pytest.mark.django_db

PLAN_MAX = 20
ENTRY_MAX = 20


@pytest.fixture
def entries(tender_page, aarhus):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as in production: it exists

    def make(count):
        local = list(Municipality.objects.filter(code=751))
        return [
            make_entry(aarhus, title=f"Indkøb {n}", cpv=["90911200"], municipalities=local)
            for n in range(count)
        ]

    return make


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("query", ["", "cpv=90000000", "q=indkøb&municipality=751", "page=2"])
def test_tender_plan_queries_are_bounded(
    client, entries, django_assert_max_num_queries, count, query
):
    entries(count)
    client.get("/udbudsplan/?cpv=90000000")
    with django_assert_max_num_queries(PLAN_MAX):
        response = client.get(f"/udbudsplan/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 40])
def test_entry_page_queries_are_bounded(client, entries, django_assert_max_num_queries, count):
    entry = entries(count)[0]
    url = f"/udbudsplan/{entry.pk}/{entry.slug}/"
    client.get(url)
    with django_assert_max_num_queries(ENTRY_MAX):
        response = client.get(url)
    assert "Indkøb 0" in response.content.decode()
