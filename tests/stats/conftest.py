"""A hand-built data set for the statistics: every number on the page is known in advance."""

import datetime
from types import SimpleNamespace

import pytest

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from directory.models import DirectoryIndexPage
from events.models import EventIndexPage, Registration
from procurement.models import TenderPlanIndexPage
from stats.models import StatisticsPage

from ..directory.factories import profile
from ..events.factories import PartnerFactory, RegistrationFactory, make_event
from ..procurement.factories import BuyerOrganisationFactory, make_entry, make_interest, make_user


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def add_page(parent, model, **fields):
    page = parent.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


def site_pages():
    """The home page in Danish and English, and the statistics, directory, tender plan and
    events pages (the statistics page in both languages), as ``load_demo_data`` makes them."""
    danish, english = (Locale.objects.get(language_code=code) for code in ("da", "en"))
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="Forside", slug="forside", locale=danish))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    home.copy_for_translation(english).save_revision().publish()
    stats = add_page(home, StatisticsPage, title="Tal og fakta", slug="statistik")
    translation = stats.copy_for_translation(english)
    translation.title, translation.slug = "Facts and figures", "statistics"
    translation.save_revision().publish()
    return SimpleNamespace(
        home=home,
        stats=stats,
        directory=add_page(home, DirectoryIndexPage, title="Leverandører", slug="leverandoerer"),
        tenders=add_page(home, TenderPlanIndexPage, title="Udbudsplan", slug="udbudsplan"),
        events=add_page(home, EventIndexPage, title="Arrangementer", slug="arrangementer"),
    )


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture(scope="module")
def built_data(django_db_setup, django_db_blocker):
    """The data set, built once per module; each test's own changes are rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_data(site_pages())
        transaction.set_rollback(True)


@pytest.fixture
def data(built_data, db):
    """The data set, freshly read from the database for each test."""
    fresh = {
        name: type(value).objects.get(pk=value.pk) if hasattr(value, "pk") else value
        for name, value in vars(built_data).items()
    }
    fresh["pages"] = SimpleNamespace(
        **{
            name: page.specific_class.objects.get(pk=page.pk)
            for name, page in vars(built_data.pages).items()
        }
    )
    fresh["entries"] = tuple(type(e).objects.get(pk=e.pk) for e in built_data.entries)
    fresh["events"] = tuple(type(e).objects.get(pk=e.pk) for e in built_data.events)
    return SimpleNamespace(**fresh)


def build_data(site_pages):
    """Three live SØVs and a draft; three published entries and a draft; two events held, one
    upcoming and one unpublished. Two live SØVs consent to show their impact."""
    a = profile(
        name="Alfa Rengøring",
        cpv=["90911200"],
        groups=["handicap"],
        impact_year=2025,
        impact_jobs_special_terms=10,
        impact_trainees=3,
        impact_into_work=2,
        impact_people_reached=30,
        impact_public=True,
    )
    b = profile(
        name="Beta Kantine",
        delivery_scope="regions",
        regions=[1082],
        cpv=["55520000", "90910000"],
        groups=["hjemloese"],
        impact_year=2025,
        impact_jobs_special_terms=100,
        impact_public=False,
    )
    c = profile(
        name="Gamma Byg",
        delivery_scope="municipalities",
        municipalities=[751, 101],
        cpv=["45000000"],
        impact_year=2024,
        impact_jobs_special_terms=5,
        impact_public=True,
    )
    d = profile(
        name="Delta Kladde",
        live=False,
        cpv=["90911200"],
        groups=["misbrug"],
        impact_year=2025,
        impact_jobs_special_terms=1000,
        impact_public=True,
    )
    owner = make_user("ejer@alfa.example")
    buyer = BuyerOrganisationFactory(name="Testkommunen")
    e1 = make_entry(
        buyer,
        title="Rengøring af rådhuset",
        procedure="eu_tender",
        reservation="res-ws",
        expected_publication=datetime.date(2027, 1, 1),
    )
    e2 = make_entry(
        buyer,
        title="Kantine på skolen",
        procedure="below_threshold",
        expected_publication=datetime.date(2027, 2, 1),
        status="awarded",
    )
    e3 = make_entry(
        buyer,
        title="Ombygning af børnehave",
        procedure="national_tender",
        expected_publication=datetime.date(2027, 4, 1),
    )
    make_entry(buyer, title="Hemmeligt udkast", procedure="eu_tender", publish=False)
    make_interest(e1, a, owner, shown_publicly=True)
    make_interest(e1, c, owner)
    make_interest(e2, b, owner, withdrawn_at=timezone.now())
    make_interest(e3, d, owner, shown_publicly=True)

    partner = PartnerFactory(name="Hus Forbi")
    held_2024 = make_event(
        site_pages.events, title="Workshop 2024", organiser=partner, start=at(2024, 5, 1)
    )
    held_2025 = make_event(
        site_pages.events, title="Workshop 2025", organiser=partner, start=at(2025, 5, 1)
    )
    english = held_2024.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    upcoming = make_event(site_pages.events, title="Næste workshop", organiser=partner)
    make_event(
        site_pages.events, title="Aflyst", organiser=partner, start=at(2025, 6, 1), publish=False
    )
    held_2024.participating_organisations.set([buyer])
    held_2024.save_revision().publish()
    for status in ["confirmed"] * 3 + ["waiting", "cancelled"]:
        RegistrationFactory(event=held_2024, status=status)
    RegistrationFactory.create_batch(2, event=held_2025, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=upcoming, status=Registration.Status.CONFIRMED)
    return SimpleNamespace(
        pages=site_pages,
        a=a,
        b=b,
        c=c,
        d=d,
        buyer=buyer,
        entries=(e1, e2, e3),
        events=(held_2024, held_2025, upcoming),
    )
