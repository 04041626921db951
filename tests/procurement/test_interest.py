"""Expressing interest: the form, e-mail to the buyer, edit and withdraw, consortia, privacy."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from procurement.models import InterestExpression, TenderPlanEntry

from .factories import make_entry, make_interest

pytestmark = pytest.mark.django_db


def express(
    client, url, profile, role="consortium_partner", visible=True, message="Vi kan levere."
):
    data = {
        "action": "express",
        "express-supplier": profile.pk,
        "express-role": role,
        "express-message": message,
    }
    if visible:
        data["express-visible_to_others"] = "on"
    return client.post(url, data)


def test_soev_expresses_interest_and_the_buyer_gets_an_e_mail(
    client, entry, entry_url, soev_a, buyer_a
):
    profile, user = soev_a
    client.force_login(user)
    response = express(client, entry_url, profile)
    assert response.status_code == 302
    interest = InterestExpression.objects.get(entry=entry, supplier=profile)
    assert interest.role == "consortium_partner" and interest.user == user
    assert [m.to for m in mail.outbox] == [[buyer_a.email]]
    assert "Grøn Rengøring" in mail.outbox[0].body
    assert entry.title in mail.outbox[0].subject
    page = client.get(entry_url)
    assert page.context["interest_count"] == 1
    assert "Grøn Rengøring" in page.content.decode()


def test_a_second_interest_from_the_same_soev_is_refused_clearly(client, entry, entry_url, soev_a):
    profile, user = soev_a
    make_interest(entry, profile, user)
    client.force_login(user)
    response = express(client, entry_url, profile)
    assert response.status_code == 400
    assert "har allerede vist interesse" in response.content.decode()
    assert InterestExpression.objects.filter(entry=entry).count() == 1
    assert mail.outbox == []


def test_interest_after_the_deadline_is_refused(client, entry, entry_url, soev_a):
    TenderPlanEntry.objects.filter(pk=entry.pk).update(
        interest_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    profile, user = soev_a
    client.force_login(user)
    page = client.get(entry_url)
    assert page.context["express_form"] is None
    assert "Der kan ikke længere vises interesse" in page.content.decode()
    response = express(client, entry_url, profile)
    assert response.status_code == 400
    assert "Fristen for interessetilkendegivelser er overskredet" in response.content.decode()
    assert not InterestExpression.objects.exists()


def test_a_draft_profile_cannot_express_interest(client, entry, entry_url, db):
    from .factories import make_supplier

    profile, user = make_supplier("Kladde ApS", "kladde@example.com", live=False)
    client.force_login(user)
    response = express(client, entry_url, profile)
    assert response.status_code == 302
    assert not InterestExpression.objects.exists()


def test_soev_edits_and_withdraws_and_can_come_back(client, entry, entry_url, soev_a):
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
    express(client, entry_url, profile)
    interest.refresh_from_db()
    assert interest.withdrawn_at is None and interest.role == "consortium_partner"
    assert InterestExpression.objects.count() == 1


def test_another_soev_cannot_change_or_withdraw_my_interest(
    client, entry, entry_url, soev_a, soev_b
):
    interest = make_interest(entry, *soev_a, role="main_supplier")
    client.force_login(soev_b[1])
    client.post(entry_url, {"action": "withdraw", "interest": interest.pk})
    client.post(
        entry_url,
        {"action": "update", "interest": interest.pk, f"i{interest.pk}-role": "subcontractor"},
    )
    interest.refresh_from_db()
    assert interest.withdrawn_at is None and interest.role == "main_supplier"


def test_soev_cannot_express_interest_for_someone_elses_profile(
    client, entry, entry_url, soev_a, soev_b
):
    client.force_login(soev_a[1])
    response = express(client, entry_url, soev_b[0])
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
    client, tender_page, odense, buyer_a, buyer_b, soev_a
):
    entry = make_entry(odense, title="Kantine")
    client.force_login(soev_a[1])
    express(client, f"/udbudsplan/{entry.pk}/{entry.slug}/", soev_a[0])
    assert [m.to for m in mail.outbox] == [[buyer_b.email]]
