"""The editors' dashboard panels, shown to editors only, and the once-a-quarter reminder."""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts.groups import BUYERS, EDITORS, PARTNERS, SUPPLIERS
from accounts.models import Account
from directory.models import SupplierProfile
from events.models import Registration
from stats.panels import weekly_activity
from stats.services import REMINDER_ACTION, this_quarter_began

from ..events.factories import RegistrationFactory, make_event
from ..procurement.factories import make_entry, make_user

pytestmark = pytest.mark.django_db

PANEL_HEADINGS = [
    "Venter på redaktørerne",
    "Profiler, der ikke er opdateret i 12 måneder",
    "Indkøb uden interesse en måned før offentliggørelse",
    "Arrangementer, der næsten er fuldt booket",
    "Nye profiler, indkøb og interessetilkendegivelser pr. uge",
]
REMIND_URL = "/admin/tal/paamindelser/"


@pytest.fixture
def editor(db):
    return make_user("redaktoer@example.dk", EDITORS, first_name="Rikke")


def make_stale(profile_, days=400):
    SupplierProfile.objects.filter(pk=profile_.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def owner_of(profile_, email, language="da"):
    user = make_user(email, SUPPLIERS, first_name="Sara")
    profile_.owners.add(user)
    preferences = UserProfile.get_for_user(user)
    preferences.preferred_language = language
    preferences.save()
    return user


def test_editors_see_the_panels(client, data, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    for heading in PANEL_HEADINGS:
        assert heading in html
    assert 'id="stats-weekly-svg"' in html
    assert "<title" in html


@pytest.mark.parametrize("group", [SUPPLIERS, BUYERS, PARTNERS])
def test_restricted_and_partner_users_do_not_see_the_panels(client, data, group):
    user = make_user(f"{group.lower()}@example.dk", group)
    if group == SUPPLIERS:
        data.a.owners.add(user)
    if group == BUYERS:
        data.buyer.members.add(user)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    for heading in PANEL_HEADINGS:
        assert heading not in html
    assert "stats-weekly-svg" not in html


def test_waiting_panel_shows_sign_ups_and_profile_changes_with_their_age(client, data, editor):
    user = make_user("ny@soev.example", is_active=False)
    Account.objects.create(
        user=user,
        kind=Account.Kind.SUPPLIER,
        organisation_name="Nyt Værksted",
        status=Account.Status.AWAITING_APPROVAL,
        email_confirmed_at=timezone.now() - datetime.timedelta(days=3),
    )
    data.b.name = "Beta Kantine med ændringer"
    data.b.save_revision(user=editor)
    data.b.get_workflow().start(data.b, editor)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert re.search(r"Nyt Værksted \(Socialøkonomisk virksomhed\) – venter 3\xa0dage", html)
    assert "1 profilændring venter på godkendelse" in html
    assert re.search(r"Beta Kantine[^<]*</a> – venter 0\xa0minutter", html)


def test_quiet_entries_and_nearly_full_events(client, data, editor):
    soon = timezone.localdate() + datetime.timedelta(days=20)
    make_entry(data.buyer, title="Snart og stille", expected_publication=soon)
    event = make_event(data.pages.events, title="Populær workshop", capacity=5)
    RegistrationFactory.create_batch(4, event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, status=Registration.Status.WAITING)
    roomy = make_event(data.pages.events, title="Rummelig workshop", capacity=50)
    RegistrationFactory.create_batch(4, event=roomy, status=Registration.Status.CONFIRMED)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Snart og stille" in html
    assert (
        "Rengøring af rådhuset" not in html.split("stats-quiet-heading")[1].split("</section>")[0]
    )
    assert "Populær workshop" in html
    assert "4 af 5 pladser optaget" in html
    assert "Rummelig workshop" not in html


def test_weekly_chart_numbers_match_the_table_and_a_direct_count(client, data, editor):
    labels, rows, series = weekly_activity()
    this_week = rows[-1]
    live_profiles_this_week = SupplierProfile.objects.filter(
        live=True,
        first_published_at__date__gte=timezone.localdate()
        - datetime.timedelta(days=timezone.localdate().weekday()),
    ).count()
    assert this_week[1] == live_profiles_this_week
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    polyline = re.search(r'data-series="Nye profiler" data-values="([\d,]+)"', html).group(1)
    assert [int(n) for n in polyline.split(",")] == [row[1] for row in rows]
    table = html.split('id="stats-weekly-table"')[1].split("</table>")[0]
    assert f"<td>{this_week[1]}</td>" in table


def test_the_reminder_goes_to_each_owner_in_their_language_once_a_quarter(
    client, data, editor, django_capture_on_commit_callbacks
):
    make_stale(data.a)
    owner_of(data.a, "dansk@alfa.example", "da")
    owner_of(data.a, "english@alfa.example", "en")
    client.force_login(editor)
    assert "Alfa Rengøring" in client.get("/admin/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND_URL, {"profile": data.a.pk})
    assert response.status_code == 302
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"dansk@alfa.example", "english@alfa.example"}
    assert by_address["dansk@alfa.example"].subject == (
        "Er profilen for Alfa Rengøring stadig opdateret?"
    )
    assert "Hej Sara" in by_address["dansk@alfa.example"].body
    assert by_address["english@alfa.example"].subject == (
        "Is the profile of Alfa Rengøring still up to date?"
    )
    log = ModelLogEntry.objects.get(action=REMINDER_ACTION)
    assert log.object_id == str(data.a.pk)
    assert log.user == editor
    assert "Påmindet i dette kvartal" in client.get("/admin/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(REMIND_URL, {"profile": data.a.pk})
        client.post(REMIND_URL, {"all": "1"})
    assert len(mail.outbox) == 2
    assert ModelLogEntry.objects.filter(action=REMINDER_ACTION).count() == 1


def test_a_new_quarter_allows_a_new_reminder(
    client, data, editor, django_capture_on_commit_callbacks
):
    make_stale(data.a)
    owner_of(data.a, "dansk@alfa.example")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REMIND_URL, {"profile": data.a.pk})
    last_quarter = this_quarter_began() - datetime.timedelta(days=1)
    ModelLogEntry.objects.filter(action=REMINDER_ACTION).update(timestamp=last_quarter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REMIND_URL, {"profile": data.a.pk})
    assert len(mail.outbox) == 2


def test_only_stale_profiles_can_be_reminded(client, data, editor):
    owner_of(data.a, "dansk@alfa.example")
    client.force_login(editor)
    client.post(REMIND_URL, {"profile": data.a.pk})
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action=REMINDER_ACTION).exists()


@pytest.mark.parametrize("group", [SUPPLIERS, BUYERS, PARTNERS])
def test_non_editors_cannot_send_reminders(client, data, group):
    make_stale(data.a)
    user = make_user(f"x-{group.lower()}@example.dk", group)
    owner_of(data.a, "dansk@alfa.example")
    client.force_login(user)
    response = client.post(REMIND_URL, {"all": "1"})
    # Wagtail turns a refusal into a redirect to the dashboard for users who may use the admin.
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert client.get(REMIND_URL).status_code in (302, 403, 405)
    assert mail.outbox == []
