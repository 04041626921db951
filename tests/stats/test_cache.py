"""/statistik/ runs a constant number of queries, serves the figures from the cache and counts
again as soon as a profile, entry, interest, event or registration changes."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Registration
from stats.figures import cached_figures, invalidate

from ..directory.factories import profile
from ..events.factories import RegistrationFactory, make_event
from ..procurement.factories import BuyerOrganisationFactory, make_entry, make_interest, make_user
from .conftest import at

pytestmark = pytest.mark.django_db


def queries_for(client, path="/statistik/"):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def more_of_everything(data):
    """Roughly double every kind of row the page counts."""
    owner = make_user("flere@example.dk")
    for n in range(4):
        extra = profile(
            name=f"Ekstra {n}",
            delivery_scope="municipalities",
            municipalities=[461, 851],
            cpv=["79000000", "90911200"],
            groups=["langtidsledige"],
            impact_year=2025,
            impact_trainees=n,
            impact_public=True,
        )
        buyer = BuyerOrganisationFactory()
        entry = make_entry(buyer, title=f"Indkøb {n}", procedure="direct_award")
        make_interest(entry, extra, owner, shown_publicly=True)
        event = make_event(data.pages.events, title=f"Møde {n}", start=at(2023, 3 + n, 1))
        RegistrationFactory.create_batch(3, event=event, status=Registration.Status.CONFIRMED)


def test_the_page_runs_a_constant_number_of_queries(client, data):
    """Counted afresh (cold) or read from the cache (warm), whatever the amount of data."""
    from wagtail.models import Site

    from cms.models import SiteSettings

    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # created by the first page

    def cold_and_warm():
        client.get("/statistik/")
        invalidate()
        return queries_for(client), queries_for(client)

    cold, warm = cold_and_warm()
    more_of_everything(data)
    assert cold_and_warm() == (cold, warm)
    assert warm < cold


def test_the_page_queries_are_bounded(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        client.get("/statistik/")
    with django_assert_max_num_queries(20):
        client.get("/statistik/")


def test_a_cached_page_counts_nothing_again(client, data):
    client.get("/statistik/")
    with CaptureQueriesContext(connection) as context:
        client.get("/statistik/")
    tables = " ".join(q["sql"] for q in context.captured_queries)
    for table in (
        "directory_supplierprofile",
        "procurement_tenderplanentry",
        "events_registration",
    ):
        assert table not in tables


def counted():
    figures = cached_figures()
    return (
        figures.key_figures["suppliers"],
        figures.key_figures["entries"],
        figures.key_figures["entries_with_interest"],
        figures.key_figures["people_registered"],
    )


def test_saving_publishing_unpublishing_and_deleting_change_the_figures(data):
    assert counted() == (3, 3, 1, 5)
    data.d.save_revision().publish()
    assert counted()[:3] == (4, 3, 2)  # Delta's interest in the rebuild now counts
    data.a.unpublish()
    data.c.unpublish()
    assert counted()[:3] == (2, 3, 1)  # nor do Alfa's and Gamma's interests in the town hall
    data.entries[1].unpublish()
    assert counted()[1] == 2
    data.b.delete()
    assert counted()[0] == 1
    RegistrationFactory(event=data.events[1], status=Registration.Status.CONFIRMED)
    assert counted()[3] == 6
    registration = Registration.objects.filter(event=data.events[1]).first()
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save()
    assert counted()[3] == 5
    data.events[0].unpublish()
    assert counted()[3] == 2


def test_changes_to_a_draft_leave_the_cached_figures_correct(data):
    before = cached_figures()
    data.a.name = "Alfa ændret i kladde"
    data.a.save_revision()
    assert cached_figures().key_figures == before.key_figures


def test_the_m2m_delivery_area_counts_after_a_change(data):
    regions = {row.code: row.values[0] for row in cached_figures().chart("regioner").rows}
    assert regions["1081"] == 1
    data.b.delivery_regions.set([1081, 1082])
    data.b.save_revision().publish()
    regions = {row.code: row.values[0] for row in cached_figures().chart("regioner").rows}
    assert regions["1081"] == 2
