"""Expressing interest: the form, e-mail to the buyer, edit and withdraw, consortia, privacy."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.users.models import UserProfile

from procurement.models import InterestExpression, TenderPlanEntry
from procurement.tasks import CHANGED, notify_buyer_of_interest

from .factories import make_buyer, make_entry, make_interest, make_supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as the logged-in client and run what the view queued for after the commit."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def express(post, url, profile, role="consortium_partner", visible=True, message="Vi kan levere."):
    data = {
        "action": "express",
        "express-supplier": profile.pk,
        "express-role": role,
        "express-message": message,
    }
    if visible:
        data["express-visible_to_others"] = "on"
    return post(url, data)


def test_soev_expresses_interest_and_the_buyer_gets_an_e_mail(
    client, post, entry, entry_url, soev_a, buyer_a
):
    profile, user = soev_a
    client.force_login(user)
    response = express(post, entry_url, profile)
    assert response.status_code == 302
    interest = InterestExpression.objects.get(entry=entry, supplier=profile)
    assert interest.role == "consortium_partner" and interest.user == user
    assert [m.to for m in mail.outbox] == [[buyer_a.email]]
    assert "Grøn Rengøring" in mail.outbox[0].body
    assert entry.title in mail.outbox[0].subject
    page = client.get(entry_url)
    assert page.context["interest_count"] == 1
    assert "Grøn Rengøring" in page.content.decode()


def test_a_second_interest_from_the_same_soev_is_refused_clearly(
    client, post, entry, entry_url, soev_a
):
    profile, user = soev_a
    make_interest(entry, profile, user)
    client.force_login(user)
    response = express(post, entry_url, profile)
    assert response.status_code == 400
    assert "har allerede vist interesse" in response.content.decode()
    assert InterestExpression.objects.filter(entry=entry).count() == 1
    assert mail.outbox == []


def test_interest_after_the_deadline_is_refused(client, post, entry, entry_url, soev_a):
    TenderPlanEntry.objects.filter(pk=entry.pk).update(
        interest_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    profile, user = soev_a
    client.force_login(user)
    page = client.get(entry_url)
    assert page.context["express_form"] is None
    assert "Der kan ikke længere vises interesse" in page.content.decode()
    response = express(post, entry_url, profile)
    assert response.status_code == 400
    assert "Fristen for interessetilkendegivelser er overskredet" in response.content.decode()
    assert not InterestExpression.objects.exists()


def test_a_draft_profile_cannot_express_interest(client, post, entry, entry_url, db):
    profile, user = make_supplier("Kladde ApS", "kladde@example.com", live=False)
    client.force_login(user)
    response = express(post, entry_url, profile)
    assert response.status_code == 302
    assert not InterestExpression.objects.exists()


def test_soev_edits_and_withdraws_and_can_come_back(client, post, entry, entry_url, soev_a):
    profile, user = soev_a
    interest = make_interest(entry, profile, user, role="main_supplier")
    client.force_login(user)
    response = client.post(
        entry_url,
        {
            "action": "update",
            "interest": interest.pk,
            f"i{interest.pk}-role": "subcontractor",
            f"i{interest.pk}-message": "Nu som underleverandør",
        },
    )
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.role == "subcontractor" and interest.message == "Nu som underleverandør"
    client.post(entry_url, {"action": "withdraw", "interest": interest.pk})
    interest.refresh_from_db()
    assert interest.withdrawn_at is not None
    assert client.get(entry_url).context["interest_count"] == 0
    express(post, entry_url, profile)
    interest.refresh_from_db()
    assert interest.withdrawn_at is None and interest.role == "consortium_partner"
    assert InterestExpression.objects.count() == 1


def test_another_soev_cannot_change_or_withdraw_my_interest(
    client, post, entry, entry_url, soev_a, soev_b
):
    interest = make_interest(entry, *soev_a, role="main_supplier")
    client.force_login(soev_b[1])
    post(entry_url, {"action": "withdraw", "interest": interest.pk})
    post(
        entry_url,
        {"action": "update", "interest": interest.pk, f"i{interest.pk}-role": "subcontractor"},
    )
    interest.refresh_from_db()
    assert interest.withdrawn_at is None and interest.role == "main_supplier"
    assert mail.outbox == []


def test_soev_cannot_express_interest_for_someone_elses_profile(
    client, post, entry, entry_url, soev_a, soev_b
):
    client.force_login(soev_a[1])
    response = express(post, entry_url, soev_b[0])
    assert response.status_code == 400
    assert not InterestExpression.objects.exists()


def test_consortium_finder_shows_only_consenting_interested_soevs(
    client, entry, entry_url, soev_a, soev_b, soev_c
):
    make_interest(entry, *soev_a, role="consortium_partner", visible_to_others=True)
    make_interest(entry, *soev_b, role="main_supplier", visible_to_others=True, message="Privat")
    client.force_login(soev_b[1])
    partners = client.get(entry_url).context["partners"]
    assert [p.supplier.name for p in partners] == ["Grøn Rengøring"]
    html = client.get(entry_url).content.decode()
    assert "Consortium partner" in html or "Konsortiepartner" in html

    client.force_login(soev_c[1])
    response = client.get(entry_url)
    assert response.context["partners"] == []
    html = response.content.decode()
    assert "Grøn Rengøring" not in html and "Kantinen Kraft" not in html and "Privat" not in html


def test_a_soev_that_did_not_consent_sees_no_partners(client, entry, entry_url, soev_a, soev_b):
    make_interest(entry, *soev_a, visible_to_others=True)
    make_interest(entry, *soev_b, visible_to_others=False)
    client.force_login(soev_b[1])
    assert client.get(entry_url).context["partners"] == []


def test_withdrawn_interest_is_not_shown_to_partners(client, entry, entry_url, soev_a, soev_b):
    make_interest(entry, *soev_a, visible_to_others=True, withdrawn_at=timezone.now())
    make_interest(entry, *soev_b, visible_to_others=True)
    client.force_login(soev_b[1])
    assert client.get(entry_url).context["partners"] == []


def test_buyer_of_the_entry_is_pointed_to_the_admin(
    client, entry, entry_url, buyer_a, buyer_b, soev_a
):
    make_interest(entry, *soev_a)
    client.force_login(buyer_a)
    response = client.get(entry_url)
    assert response.context["is_buyer"]
    assert "/admin/snippets/procurement/interestexpression/" in response.content.decode()
    client.force_login(buyer_b)
    response = client.get(entry_url)
    assert not response.context["is_buyer"]
    assert "Grøn Rengøring" not in response.content.decode()


def test_e_mail_goes_only_to_the_entrys_own_buyer(
    client, post, tender_page, odense, buyer_a, buyer_b, soev_a
):
    entry = make_entry(odense, title="Kantine")
    client.force_login(soev_a[1])
    express(post, f"/udbudsplan/{entry.pk}/{entry.slug}/", soev_a[0])
    assert [m.to for m in mail.outbox] == [[buyer_b.email]]


def update(post, url, interest, role, message, visible=False):
    data = {
        "action": "update",
        "interest": interest.pk,
        f"i{interest.pk}-role": role,
        f"i{interest.pk}-message": message,
    }
    if visible:
        data[f"i{interest.pk}-visible_to_others"] = "on"
    return post(url, data)


@pytest.fixture
def second_buyer_a(aarhus):
    return make_buyer("c@aarhus.example", aarhus)


def inspect_link(interest):
    return f"http://testserver/admin/snippets/procurement/interestexpression/inspect/{interest.pk}/"


def test_buyer_members_are_told_when_a_soev_changes_its_interest(
    client, post, entry, entry_url, soev_a, buyer_a, second_buyer_a, buyer_b
):
    interest = make_interest(entry, *soev_a, role="main_supplier", message="Vi kan levere.")
    client.force_login(soev_a[1])
    response = update(post, entry_url, interest, "subcontractor", "Nu kun som underleverandør")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [buyer_a.email, second_buyer_a.email]
    message = mail.outbox[0]
    assert entry.title in message.subject and "Ny interesse" not in message.subject
    assert "Grøn Rengøring" in message.body
    assert "Nu kun som underleverandør" in message.body and "Vi kan levere." not in message.body
    assert inspect_link(interest) in message.body


def test_buyer_is_told_when_a_soev_withdraws_its_interest(
    client, post, entry, entry_url, soev_a, buyer_a, buyer_b
):
    interest = make_interest(entry, *soev_a, message="Vi kan levere.")
    client.force_login(soev_a[1])
    response = post(entry_url, {"action": "withdraw", "interest": interest.pk})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[buyer_a.email]]
    message = mail.outbox[0]
    assert entry.title in message.subject
    assert "trukket tilbage" in message.subject
    assert "Grøn Rengøring" in message.body
    assert "har trukket sin interesse" in message.body
    assert inspect_link(interest) in message.body


def test_saving_an_unchanged_interest_sends_no_e_mail(
    client, post, entry, entry_url, soev_a, buyer_a
):
    interest = make_interest(entry, *soev_a, role="main_supplier", message="Vi kan levere.")
    client.force_login(soev_a[1])
    response = update(post, entry_url, interest, "main_supplier", "Vi kan levere.")
    assert response.status_code == 302
    assert mail.outbox == []
    update(post, entry_url, interest, "main_supplier", "Vi kan levere.", visible=True)
    assert [m.to for m in mail.outbox] == [[buyer_a.email]]


@pytest.mark.parametrize("action", ["update", "withdraw"])
def test_changes_are_told_only_to_the_entrys_own_buyer(
    client, post, tender_page, odense, buyer_a, buyer_b, soev_a, action
):
    entry = make_entry(odense, title="Kantine")
    interest = make_interest(entry, *soev_a)
    client.force_login(soev_a[1])
    url = f"/udbudsplan/{entry.pk}/{entry.slug}/"
    if action == "update":
        update(post, url, interest, "subcontractor", "Ny besked")
    else:
        post(url, {"action": "withdraw", "interest": interest.pk})
    assert [m.to for m in mail.outbox] == [[buyer_b.email]]


def test_the_e_mail_about_a_change_is_in_the_buyers_language_and_plain_text(
    client, post, entry, entry_url, buyer_a, db
):
    profile, user = make_supplier("Køkken & Co", "k@kokken.example")
    interest = make_interest(entry, profile, user)
    settings = UserProfile.get_for_user(buyer_a)
    settings.preferred_language = "en"
    settings.save()
    client.force_login(user)
    update(post, entry_url, interest, "subcontractor", "Vi <3 grønt & rent")
    post(entry_url, {"action": "withdraw", "interest": interest.pk})
    changed, withdrawn = mail.outbox
    assert "Køkken & Co has changed its interest" in changed.body
    assert "as Subcontractor" in changed.body and "Vi <3 grønt & rent" in changed.body
    assert "Køkken & Co has withdrawn its interest" in withdrawn.body


def test_no_e_mail_about_a_change_once_the_interest_is_withdrawn(entry, soev_a, buyer_a):
    interest = make_interest(entry, *soev_a, withdrawn_at=timezone.now())
    notify_buyer_of_interest.enqueue(interest.pk, CHANGED)
    assert mail.outbox == []


def test_the_e_mail_about_new_interest_is_plain_text(client, post, entry, entry_url, buyer_a, db):
    profile, user = make_supplier("Køkken & Co", "k@kokken.example")
    client.force_login(user)
    express(post, entry_url, profile, message="Vi <3 grønt & rent")
    assert "Køkken & Co" in mail.outbox[0].body and "&amp;" not in mail.outbox[0].body
    assert "Vi <3 grønt & rent" in mail.outbox[0].body
