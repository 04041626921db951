"""The event index (upcoming, archive, filters) and event pages as a visitor sees them."""

from datetime import UTC, datetime, timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import HomePage
from directory.models import Municipality
from events.calendar import COPENHAGEN
from events.models import EventIndexPage, EventPage

from .factories import PartnerFactory, make_event

pytestmark = pytest.mark.django_db


def test_events_live_only_under_the_event_index():
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.allowed_subpage_models() == []
    assert EventIndexPage in HomePage.allowed_subpage_models()


def test_index_lists_upcoming_events_soonest_first_and_archives_past_ones(client, event_index):
    now = timezone.now()
    make_event(event_index, title="Senere", start=now + timedelta(days=30))
    make_event(event_index, title="Snart", start=now + timedelta(days=2))
    make_event(event_index, title="Sidste år", start=now - timedelta(days=300))
    make_event(event_index, title="Kladde", start=now + timedelta(days=3), publish=False)

    upcoming = client.get("/arrangementer/").content.decode()
    assert upcoming.index("Snart") < upcoming.index("Senere")
    assert "Sidste år" not in upcoming
    assert "Kladde" not in upcoming

    archive = client.get("/arrangementer/arkiv/").content.decode()
    assert "Sidste år" in archive
    assert "Snart" not in archive


def test_an_ongoing_event_is_still_upcoming(client, event_index):
    make_event(event_index, title="I gang nu", start=timezone.now() - timedelta(hours=1))
    assert "I gang nu" in client.get("/arrangementer/").content.decode()


def test_filters_by_type_audience_and_region(client, event_index):
    aarhus = Municipality.objects.get(name="Aarhus")
    copenhagen = Municipality.objects.get(name="København")
    make_event(
        event_index,
        title="Webinar for indkøbere",
        event_type="webinar",
        audience="buyers",
        address="",
        online_url="https://meet.example/x",
    )
    make_event(event_index, title="Workshop i Aarhus", municipality=aarhus, audience="suppliers")
    make_event(
        event_index,
        title="Markedsdialog i København",
        event_type="market_dialogue",
        municipality=copenhagen,
        audience="everyone",
    )

    def titles(query):
        html = client.get(f"/arrangementer/?{query}").content.decode()
        return {
            t
            for t in ["Webinar for indkøbere", "Workshop i Aarhus", "Markedsdialog i København"]
            if t in html
        }

    assert titles("type=webinar") == {"Webinar for indkøbere"}
    assert titles("audience=suppliers") == {"Workshop i Aarhus", "Markedsdialog i København"}
    assert titles(f"region={aarhus.region_id}") == {"Workshop i Aarhus", "Webinar for indkøbere"}


@pytest.mark.parametrize(
    "query",
    [
        "type=nope",
        "region=abc",
        "region=99999",
        "audience=%ZZ%27",
        "page=-1",
        "page=abc",
        "page=99999",
        "type=" + "x" * 5000,
    ],
)
def test_garbage_query_strings_give_a_normal_page(client, event, query):
    response = client.get(f"/arrangementer/?{query}")
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_index_runs_a_constant_number_of_queries(
    client, event_index, django_assert_max_num_queries
):
    for day in range(3):
        make_event(event_index, start=timezone.now() + timedelta(days=day + 1))
    client.get("/arrangementer/")
    with django_assert_max_num_queries(30) as few:
        client.get("/arrangementer/")
    for day in range(12):
        make_event(
            event_index, organiser=PartnerFactory(), start=timezone.now() + timedelta(days=day + 5)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/arrangementer/")
    assert response.content.decode().count('class="card event-card"') == 15


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime(2027, 3, 27).date(), 9), (datetime(2027, 3, 29).date(), 8)],
)
def test_times_show_in_danish_time_on_both_sides_of_the_dst_change(
    client, event_index, day, utc_hour
):
    start = datetime(day.year, day.month, day.day, 10, tzinfo=COPENHAGEN)
    event = make_event(event_index, start=start, end=start + timedelta(hours=2))
    assert event.start.astimezone(UTC).hour == utc_hour
    html = client.get(event.url).content.decode()
    assert f"{day.day}. marts 2027, 10:00–12:00" in html


def test_event_page_shows_facts_and_registration_form(client, event):
    html = client.get(event.url).content.decode()
    assert "Hack Kampmanns Plads 2" in html
    assert "Hus Forbi" in html
    assert 'name="consent"' in html
    assert "2 pladser tilbage" in html


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_offset": -1}, "end"),
        ({"registration_deadline_offset": 5}, "registration_deadline"),
        ({"registration_mode": "external"}, "external_registration_url"),
        ({"address": "", "online_url": ""}, "address"),
    ],
)
def test_editors_get_clear_errors_for_inconsistent_events(fields, field):
    start = timezone.now() + timedelta(days=10)
    values = {
        "title": "X",
        "start": start,
        "end": start + timedelta(hours=1),
        "address": "Vej 1",
        "organiser": PartnerFactory(),
    }
    if "end_offset" in fields:
        values["end"] = start + timedelta(hours=fields.pop("end_offset"))
    if "registration_deadline_offset" in fields:
        values["registration_deadline"] = start + timedelta(
            days=fields.pop("registration_deadline_offset")
        )
    values.update(fields)
    with pytest.raises(ValidationError) as error:
        EventPage(**values).clean()
    assert field in error.value.message_dict


def test_english_translation_is_served_under_en(client, event, english_index):
    english = event.copy_for_translation(english_index.locale)
    english.title = "Workshop on reserved contracts"
    english.save_revision().publish()
    response = client.get("/en/arrangementer/")
    assert "Workshop on reserved contracts" in response.content.decode()
    assert client.get(english.url).status_code == 200


def test_sitemap_lists_events_and_the_archive(client, event):
    xml = client.get("/sitemap.xml").content.decode()
    assert event.slug in xml
    assert "/arrangementer/arkiv/" in xml


def test_site_search_has_an_events_section(client, event):
    html = client.get("/soeg/", {"q": "reserverede"}).content.decode()
    assert "Kommende arrangementer" in html
    assert event.url in html


def test_site_search_lists_an_upcoming_event_once(client, event):
    html = client.get("/soeg/", {"q": "reserverede"}).content.decode()
    assert html.count(f'href="{event.url}"') == 1
    assert "0 sider matcher" in html


def test_site_search_still_finds_past_events_among_the_pages(client, event_index):
    past = make_event(event_index, title="Netværksmøde", start=timezone.now() - timedelta(days=30))
    html = client.get("/soeg/", {"q": "netværksmøde"}).content.decode()
    assert "Kommende arrangementer" not in html
    assert html.count(f'href="{past.url}"') == 1
