"""A buyer's public page: its published entries, interest as counts (names only with consent)
and the events it took part in; linked from each of its tender plan entries."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stats.queries import buyer_slug

from ..procurement.factories import make_entry, make_interest, make_supplier, make_user

pytestmark = pytest.mark.django_db


def buyer_url(data):
    return f"/statistik/ordregivere/{data.buyer.pk}/{buyer_slug(data.buyer.name)}/"


def test_the_page_lists_open_and_archived_entries_with_interest_counts(client, data):
    html = client.get(buyer_url(data)).content.decode()
    open_part, archive = html.split('id="archived-heading"')
    assert "Rengøring af rådhuset" in open_part
    assert "Ombygning af børnehave" in open_part
    assert "Kantine på skolen" in archive  # awarded
    assert "Hemmeligt udkast" not in html
    assert "2 socialøkonomiske virksomheder har vist interesse." in open_part
    # Delta's interest in the rebuild does not count: its profile is a draft.
    assert "0 socialøkonomiske virksomheder har vist interesse." in open_part


def test_only_consenting_live_enterprises_are_named(client, data):
    html = client.get(buyer_url(data)).content.decode()
    assert "Alfa Rengøring" in html  # shown_publicly
    assert "Gamma Byg" not in html  # interested, but did not consent
    assert "Beta Kantine" not in html  # withdrew
    assert "Delta Kladde" not in html  # consented, but the profile is not live


def test_the_page_lists_the_events_the_buyer_took_part_in(client, data):
    html = client.get(buyer_url(data)).content.decode()
    assert "Workshop 2024" in html
    assert "Workshop 2025" not in html


def test_a_wrong_slug_redirects_and_an_unknown_buyer_is_404(client, data):
    response = client.get(f"/statistik/ordregivere/{data.buyer.pk}/forkert/")
    assert response.status_code == 301
    assert response["Location"] == buyer_url(data)
    assert client.get("/statistik/ordregivere/999999/x/").status_code == 404


def test_the_tender_entry_links_to_the_buyer_page(client, data):
    entry = data.entries[0]
    html = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/").content.decode()
    assert f'href="{buyer_url(data)}"' in html


def test_the_buyer_page_runs_a_constant_number_of_queries(client, data):
    client.get(buyer_url(data))
    with CaptureQueriesContext(connection) as before:
        client.get(buyer_url(data))
    for n in range(5):
        entry = make_entry(data.buyer, title=f"Flere indkøb {n}")
        supplier, user = make_supplier(f"Leverandør {n}", f"l{n}@example.dk")
        make_interest(entry, supplier, user, shown_publicly=True)
    client.get(buyer_url(data))
    with CaptureQueriesContext(connection) as after:
        html = client.get(buyer_url(data)).content.decode()
    assert "Leverandør 4" in html
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_interest_form_asks_for_public_consent_defaulting_to_no(client, data):
    from procurement.forms import InterestForm
    from procurement.models import InterestExpression

    form = InterestForm(entry=data.entries[0], profiles=data.a.__class__.objects.none())
    assert "shown_publicly" in form.fields
    assert form["shown_publicly"].value() is False
    assert InterestExpression._meta.get_field("shown_publicly").default is False


def test_only_editors_set_the_participating_buyers_of_an_event(client, data):
    from accounts.groups import EDITORS, PARTNERS
    from events.access import ensure_partner_access

    ensure_partner_access()
    event = data.events[2]
    partner_user = make_user("partner@husforbi.example", PARTNERS)
    event.organiser.members.add(partner_user)
    editor = make_user("redaktoer@example.dk", EDITORS)
    edit = f"/admin/pages/{event.pk}/edit/"
    client.force_login(editor)
    assert 'name="participating_organisations"' in client.get(edit).content.decode()
    client.force_login(partner_user)
    response = client.get(edit)
    assert response.status_code == 200
    assert 'name="participating_organisations"' not in response.content.decode()


def test_public_pages_have_dkfds_breadcrumbs_and_a_labelled_search_field(client, data):
    entry, event = data.entries[0], data.events[0]
    pages = {
        "/statistik/": ["Tal og fakta"],
        buyer_url(data): ["Tal og fakta", data.buyer.name],
        "/udbudsplan/": ["Udbudsplan"],
        f"/udbudsplan/{entry.pk}/{entry.slug}/": ["Udbudsplan", entry.title],
        "/leverandoerer/": ["Leverandører"],
        f"/leverandoerer/{data.a.slug}/": ["Leverandører", data.a.name],
        event.url: ["Arrangementer", event.title],
    }
    for url, trail in pages.items():
        html = client.get(url).content.decode()
        nav = re.search(
            r'<nav class="breadcrumbs" aria-label="Brødkrummer">(.*?)</nav>', html, re.S
        )
        assert nav, url
        assert '<ol class="breadcrumbs__list">' in nav.group(1), url
        items = re.findall(r'<li class="breadcrumbs__list-item"[^>]*>(.*?)</li>', nav.group(1))
        assert [re.sub(r"<[^>]+>", "", item) for item in items] == ["Forside", *trail], url
        assert '<ol class="breadcrumbs">' not in html
        assert '<label class="sr-only" for="site-search">Søg på sitet</label>' in html
        assert 'id="site-search"' in html
