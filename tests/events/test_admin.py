"""Partners announce events through moderation; organisers and editors see registrations."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.groups import EDITORS
from events.models import EventPage, Partner
from events.permissions import PARTNER_GROUP

from .factories import PartnerFactory, RegistrationFactory, make_event

pytestmark = pytest.mark.django_db


def _user(username, *groups, partner=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.dk", "pw")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if partner:
        partner.members.add(user)
    return user


@pytest.fixture
def setup(event_index):
    ours, theirs = PartnerFactory(name="Hus Forbi"), PartnerFactory(name="Comdia ApS")
    return {
        "index": event_index,
        "ours": ours,
        "theirs": theirs,
        "alice": _user("alice", PARTNER_GROUP, partner=ours),
        "bob": _user("bob", PARTNER_GROUP, partner=theirs),
        "editor": _user("editor", EDITORS),
        "our_event": make_event(event_index, title="Vores workshop", organiser=ours),
        "their_event": make_event(event_index, title="Deres workshop", organiser=theirs),
    }


def _event_form(title, organiser, **changes):
    start = timezone.localtime(timezone.now() + timedelta(days=20))
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "intro": "",
            "event_type": "workshop",
            "audience": "everyone",
            "organiser": organiser.pk,
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            "venue_name": "",
            "address": "Vesterbrogade 1\n1620 København V",
            "municipality": "",
            "online_url": "",
            "image": "",
            "image_alt": "",
            "body": streamfield([]),
            "registration_mode": "internal",
            "external_registration_url": "",
            "capacity": "30",
            "registration_deadline": "",
            "comments": inline_formset([]),
            **changes,
        }
    )


def test_a_partner_edits_own_events_but_never_another_partners(client, setup):
    client.force_login(setup["alice"])
    own = client.get(f"/admin/pages/{setup['our_event'].pk}/edit/")
    assert own.status_code == 200

    for url in [
        f"/admin/pages/{setup['their_event'].pk}/edit/",
        f"/admin/pages/{setup['their_event'].pk}/delete/",
        f"/admin/pages/{setup['their_event'].pk}/copy/",
        f"/admin/pages/{setup['their_event'].pk}/move/",
        f"/admin/pages/{setup['index'].pk}/edit/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "/admin/login" not in response.get("Location", ""), url

    response = client.post(
        f"/admin/pages/{setup['their_event'].pk}/edit/",
        _event_form("Overtaget", setup["theirs"], slug="deres-workshop"),
    )
    assert response.status_code in (302, 403)
    assert (
        Page.objects.get(pk=setup["their_event"].pk).get_latest_revision().content["title"]
        == "Deres workshop"
    )


def test_a_partner_sees_only_own_events_in_the_page_explorer(client, setup):
    client.force_login(setup["alice"])
    html = client.get(f"/admin/pages/{setup['index'].pk}/").content.decode()
    assert "Vores workshop" in html
    assert "Deres workshop" not in html


def test_a_partner_cannot_announce_an_event_for_another_partner(client, setup):
    client.force_login(setup["alice"])
    url = f"/admin/pages/add/events/eventpage/{setup['index'].pk}/"
    response = client.post(url, _event_form("Falsk", setup["theirs"], **{"action-submit": "1"}))
    assert response.status_code == 200
    assert not EventPage.objects.filter(title="Falsk").exists()


def test_a_partner_creates_a_workshop_and_an_editor_approves_it(client, setup):
    client.force_login(setup["alice"])
    url = f"/admin/pages/add/events/eventpage/{setup['index'].pk}/"
    form = client.get(url).content.decode()
    assert "Comdia ApS" not in form
    response = client.post(url, _event_form("Ny workshop", setup["ours"], **{"action-submit": "1"}))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(title="Ny workshop")
    assert not event.live
    assert event.workflow_in_progress
    assert client.get(event.url or "/arrangementer/ny-workshop/").status_code == 404

    publish = client.post(
        f"/admin/pages/{event.pk}/edit/",
        _event_form("Ny workshop", setup["ours"], slug=event.slug, **{"action-publish": "1"}),
    )
    event.refresh_from_db()
    assert not event.live, publish

    client.force_login(setup["editor"])
    task_state = event.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{event.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    client.logout()
    assert client.get("/arrangementer/ny-workshop/").status_code == 200


def test_organisers_see_and_export_only_registrations_for_their_events(client, setup):
    RegistrationFactory(event=setup["our_event"], name="Vores deltager")
    theirs = RegistrationFactory(event=setup["their_event"], name="Deres deltager")
    client.force_login(setup["alice"])

    listing = client.get("/admin/snippets/events/registration/").content.decode()
    assert "Vores deltager" in listing
    assert "Deres deltager" not in listing

    export = client.get("/admin/snippets/events/registration/?export=csv")
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Vores deltager"]

    for url in [
        f"/admin/snippets/events/registration/inspect/{theirs.pk}/",
        f"/admin/snippets/events/registration/history/{theirs.pk}/",
        f"/admin/snippets/events/registration/usage/{theirs.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Deres deltager" not in response.content.decode()
    delete = client.post(f"/admin/snippets/events/registration/delete/{theirs.pk}/")
    assert delete.status_code == 404
    theirs.refresh_from_db()


def test_a_partner_cannot_read_other_partners_registrations_in_the_chooser_or_bulk_views(
    client, setup
):
    theirs = RegistrationFactory(
        event=setup["their_event"], name="Deres deltager", email="deres@deltager.example"
    )
    client.force_login(setup["alice"])
    for url in [
        "/admin/snippets/choose/events/registration/",
        "/admin/snippets/choose/events/registration/results/?q=Deres",
        f"/admin/snippets/choose/events/registration/chosen/{theirs.pk}/",
        f"/admin/snippets/choose/events/registration/chosen-multiple/?id={theirs.pk}",
        f"/admin/bulk/events/registration/delete/?id={theirs.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "deres@deltager.example" not in response.content.decode(), url
    response = client.post(f"/admin/bulk/events/registration/delete/?id={theirs.pk}")
    assert response.status_code == 403
    theirs.refresh_from_db()


def test_editors_see_and_export_all_registrations_as_xlsx(client, setup):
    RegistrationFactory(event=setup["our_event"], name="Vores deltager")
    RegistrationFactory(event=setup["their_event"], name="Deres deltager")
    client.force_login(setup["editor"])

    export = client.get("/admin/snippets/events/registration/?export=xlsx")
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.getvalue())).active
    names = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Deres deltager", "Vores deltager"]


def test_nobody_adds_or_edits_registrations_in_the_admin(client, setup):
    registration = RegistrationFactory(event=setup["our_event"])
    client.force_login(setup["editor"])
    assert client.get("/admin/snippets/events/registration/add/").status_code in (302, 403)
    assert client.get(
        f"/admin/snippets/events/registration/edit/{registration.pk}/"
    ).status_code in (302, 403)


def test_an_editor_deleting_a_seat_moves_the_waiting_list_up(
    client, setup, django_capture_on_commit_callbacks
):
    event = setup["our_event"]
    event.capacity = 1
    event.save_revision().publish()
    seated = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waiting")
    client.force_login(setup["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/snippets/events/registration/delete/{seated.pk}/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def _partner_form(partner, **changes):
    return {
        "name": partner.name,
        "logo": "",
        "website": partner.website,
        "description": partner.description,
        **changes,
    }


def test_a_partner_keeps_its_own_record_up_to_date_but_not_another_partners(client, setup):
    ours, theirs, alice = setup["ours"], setup["theirs"], setup["alice"]
    client.force_login(alice)
    edit = f"/admin/snippets/events/partner/edit/{ours.pk}/"
    form = client.get(edit)
    assert form.status_code == 200
    assert 'name="members"' not in form.content.decode()

    response = client.post(
        edit,
        _partner_form(
            ours,
            website="https://husforbi.example/",
            description="Gadeavis og netværk.",
            members=[setup["bob"].pk],
        ),
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.website == "https://husforbi.example/"
    assert ours.description == "Gadeavis og netværk."
    assert list(ours.members.all()) == [alice]

    listing = client.get("/admin/snippets/events/partner/").content.decode()
    assert "Hus Forbi" in listing
    assert "Comdia ApS" not in listing
    export = client.get("/admin/snippets/events/partner/?export=csv").getvalue().decode("utf-8-sig")
    assert "Hus Forbi" in export
    assert "Comdia ApS" not in export

    for url in [
        f"/admin/snippets/events/partner/edit/{theirs.pk}/",
        f"/admin/snippets/events/partner/history/{theirs.pk}/",
        f"/admin/snippets/events/partner/usage/{theirs.pk}/",
        f"/admin/snippets/events/partner/delete/{theirs.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/admin/snippets/events/partner/edit/{theirs.pk}/", _partner_form(theirs, name="Overtaget")
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Comdia ApS"


def test_a_partner_can_neither_add_nor_delete_partners(client, setup):
    ours = setup["ours"]
    client.force_login(setup["alice"])
    add = client.post("/admin/snippets/events/partner/add/", {"name": "Ny partner"})
    assert add.status_code in (302, 403)
    for url in [
        f"/admin/snippets/events/partner/delete/{ours.pk}/",
        f"/admin/bulk/events/partner/delete/?id={ours.pk}",
    ]:
        assert client.post(url).status_code in (302, 403), url
    assert client.get("/admin/snippets/choose/events/partner/").status_code in (302, 403)
    assert not Partner.objects.filter(name="Ny partner").exists()
    assert Partner.objects.filter(pk=ours.pk).exists()


def test_editors_manage_every_partner_and_its_members(client, setup):
    client.force_login(setup["editor"])
    listing = client.get("/admin/snippets/events/partner/").content.decode()
    assert "Hus Forbi" in listing
    assert "Comdia ApS" in listing
    response = client.post(
        "/admin/snippets/events/partner/add/",
        {"name": "Ny partner", "logo": "", "website": "", "description": "", "members": []},
    )
    assert response.status_code == 302
    theirs = setup["theirs"]
    response = client.post(
        f"/admin/snippets/events/partner/edit/{theirs.pk}/",
        _partner_form(theirs, members=[setup["bob"].pk, setup["alice"].pk]),
    )
    assert response.status_code == 302
    assert set(theirs.members.all()) == {setup["alice"], setup["bob"]}
    response = client.post(
        f"/admin/snippets/events/partner/delete/{Partner.objects.get(name='Ny partner').pk}/"
    )
    assert response.status_code == 302
    assert not Partner.objects.filter(name="Ny partner").exists()


def test_only_editors_see_site_history_with_every_partners_changes(client, setup):
    theirs = setup["theirs"]
    client.force_login(setup["bob"])
    response = client.post(
        f"/admin/snippets/events/partner/edit/{theirs.pk}/", _partner_form(theirs, description="Ny")
    )
    assert response.status_code == 302

    client.force_login(setup["alice"])
    for url in [
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/site-history/?export=csv",
    ]:
        assert client.get(url).status_code == 403, url
    assert "/admin/reports/site-history/" not in client.get("/admin/").content.decode()

    client.force_login(setup["editor"])
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Comdia ApS" in history.content.decode()


def test_a_partner_previews_copies_and_follows_their_own_event(client, setup):
    event = setup["our_event"]
    client.force_login(setup["alice"])
    preview = f"/admin/pages/{event.pk}/edit/preview/"
    form = _event_form("Vores workshop", setup["ours"], slug=event.slug, intro="Forhåndsvisning")
    assert client.post(preview, form).json()["is_valid"]
    assert "Forhåndsvisning" in client.get(preview).content.decode()
    for url in [
        f"/admin/pages/{event.pk}/view_draft/",
        f"/admin/pages/{event.pk}/history/",
        f"/admin/pages/{setup['index'].pk}/",
    ]:
        assert client.get(url).status_code == 200, url

    response = client.post(
        f"/admin/pages/{event.pk}/copy/",
        {
            "new_title": "Vores workshop igen",
            "new_slug": "vores-workshop-igen",
            "new_parent_page": setup["index"].pk,
        },
    )
    assert response.status_code == 302
    copy = EventPage.objects.get(slug="vores-workshop-igen")
    assert copy.organiser == setup["ours"]
    assert not copy.live


def test_a_partners_menu_offers_their_events_pages_and_files_and_nothing_else(client, setup):
    client.force_login(setup["alice"])
    html = client.get("/admin/").content.decode()
    for url in [
        '"/admin/pages/"',
        '"/admin/snippets/events/registration/"',
        '"/admin/snippets/events/partner/"',
        '"/admin/images/"',
        '"/admin/documents/"',
        '"/admin/konti/mine-data/"',
    ]:
        assert url in html
    for text in ["PageExplorerMenuItem", "/admin/reports/", '"/admin/snippets/"', "/admin/users/"]:
        assert text not in html
    move = f"/admin/pages/{setup['our_event'].pk}/move/"
    assert move not in client.get(f"/admin/pages/{setup['index'].pk}/").content.decode()
    assert client.get(move).status_code == 403
