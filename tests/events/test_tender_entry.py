"""An event about a planned purchase: the event page names the tender plan entry, the entry's
page lists the event with its date and registration link, and the editor chooses only
published entries."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import EventPage
from events.permissions import PARTNER_GROUP

from ..procurement.conftest import aarhus, tender_page  # noqa: F401  (fixtures)
from ..procurement.factories import make_entry
from .factories import PartnerFactory, make_event
from .test_admin import _event_form

pytestmark = pytest.mark.django_db
CHOOSER = "/admin/udbudsplan/vaelg/"


@pytest.fixture
def entries(tender_page, aarhus):  # noqa: F811
    return {
        "live": make_entry(aarhus, title="Rengøring af 14 daginstitutioner"),
        "draft": make_entry(aarhus, title="Hemmelig kantinedrift", publish=False),
    }


@pytest.fixture
def partner_user(event_index):
    partner = PartnerFactory(name="Hus Forbi")
    user = get_user_model().objects.create_user("alice", "alice@husforbi.example", "pw")
    user.groups.add(Group.objects.get(name=PARTNER_GROUP))
    partner.members.add(user)
    return user, partner


def test_the_entry_and_the_event_link_to_each_other(client, event_index, entries):
    entry = entries["live"]
    event = make_event(
        event_index,
        title="Markedsdialog om rengøring",
        event_type=EventPage.EventType.MARKET_DIALOGUE,
        tender_entry=entry,
    )
    make_event(event_index, title="Kladde om rengøring", publish=False, tender_entry=entry)
    page = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/").content.decode()
    assert "Arrangementer om dette køb" in page
    assert f'href="{event.url}"' in page
    assert "Markedsdialog om rengøring" in page
    assert f'href="{event.url}#registration"' in page
    assert "Kladde om rengøring" not in page
    event_html = client.get(event.url).content.decode()
    assert "Om det planlagte køb" in event_html
    assert f'href="/udbudsplan/{entry.pk}/{entry.slug}/"' in event_html


def test_an_unpublished_entry_is_not_shown_on_the_event(client, event_index, entries):
    event = make_event(event_index, tender_entry=entries["draft"])
    html = client.get(event.url).content.decode()
    assert "Hemmelig kantinedrift" not in html
    assert "Om det planlagte køb" not in html


def test_a_partner_chooses_only_published_entries(client, partner_user, entries):
    user, _partner = partner_user
    client.force_login(user)
    listing = client.get(CHOOSER)
    assert listing.status_code == 200
    html = listing.json()["html"]
    assert "Rengøring af 14 daginstitutioner" in html
    assert "Hemmelig kantinedrift" not in html
    results = client.get(f"{CHOOSER}results/", {"q": "kantinedrift"}).content.decode()
    assert "Hemmelig" not in results
    assert client.get(f"{CHOOSER}chosen/{entries['draft'].pk}/").status_code == 404
    chosen = client.get(f"{CHOOSER}chosen/{entries['live'].pk}/").json()
    assert chosen["result"]["title"] == "Rengøring af 14 daginstitutioner"
    multiple = client.get(f"{CHOOSER}chosen-multiple/", {"id": entries["draft"].pk})
    assert "Hemmelig" not in multiple.content.decode()


def test_the_event_editor_links_a_published_entry_and_refuses_a_draft(
    client, event_index, partner_user, entries
):
    user, partner = partner_user
    client.force_login(user)
    url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    assert CHOOSER in client.get(url).content.decode()
    refused = client.post(
        url, _event_form("Markedsdialog", partner, tender_entry=entries["draft"].pk)
    )
    assert refused.status_code == 200
    assert "tender_entry" in refused.context["form"].errors
    assert not EventPage.objects.filter(title="Markedsdialog").exists()
    saved = client.post(url, _event_form("Markedsdialog", partner, tender_entry=entries["live"].pk))
    assert saved.status_code == 302
    assert EventPage.objects.get(title="Markedsdialog").tender_entry == entries["live"]


@pytest.mark.parametrize("group", ["Leverandører", "Ordregivere"])
def test_only_editors_and_partners_open_the_entry_chooser(client, entries, group):
    user = get_user_model().objects.create_user("bo", "bo@example.dk", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get(CHOOSER).status_code == 403
