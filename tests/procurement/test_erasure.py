"""Deleting a buyer's or a social enterprise's account: entries, interests and their history."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry, Revision

from procurement.models import InterestExpression, TenderPlanEntry

from .factories import make_buyer, make_entry, make_interest

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-42"
BO = {"contact_name": "Bo", "contact_email": "a@aarhus.example", "contact_phone": "87654321"}
METTE = {"contact_name": "Mette", "contact_email": "mette@aarhus.example", "contact_phone": ""}


@pytest.fixture
def delete_account(client, django_capture_on_commit_callbacks):
    def delete_account(user):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts_admin:delete_my_account"), {"password": PASSWORD}
            )
        assert response.status_code == 302
        assert not get_user_model().objects.filter(pk=user.pk).exists()

    return delete_account


def _revision_text(entry):
    return json.dumps([r.content for r in Revision.objects.for_instance(entry)])


def test_the_last_member_leaving_takes_the_organisations_entries_offline(
    delete_account, tender_page, aarhus, buyer_a
):
    entry = make_entry(aarhus, title="Kantinedrift", **BO)
    delete_account(buyer_a)
    entry = TenderPlanEntry.objects.get(pk=entry.pk)
    assert not entry.live
    assert (entry.contact_name, entry.contact_email, entry.contact_phone) == ("", "", "")
    for value in BO.values():
        assert value not in _revision_text(entry)
    log = ModelLogEntry.objects.for_instance(entry).get(action="accounts.take_offline")
    assert log.user_id is None and log.data == {"reason": "last_member_deleted"}
    assert not aarhus.members.exists()


def test_a_member_leaving_takes_only_their_own_contact_details(
    delete_account, tender_page, aarhus, buyer_a
):
    colleague = make_buyer("mette@aarhus.example", aarhus)
    theirs = make_entry(aarhus, title="Kantinedrift", **BO)
    colleagues = make_entry(aarhus, title="Vinduespudsning", **METTE)
    delete_account(buyer_a)
    theirs.refresh_from_db()
    colleagues.refresh_from_db()
    assert theirs.live and colleagues.live
    assert (theirs.contact_name, theirs.contact_email, theirs.contact_phone) == ("", "", "")
    assert "a@aarhus.example" not in _revision_text(theirs)
    assert (colleagues.contact_name, colleagues.contact_email) == ("Mette", "mette@aarhus.example")
    assert "mette@aarhus.example" in _revision_text(colleagues)
    assert list(aarhus.members.all()) == [colleague]


def test_a_social_enterprise_left_without_owners_withdraws_its_interest(
    delete_account, entry, soev_a, buyer_a
):
    profile, user = soev_a
    interest = make_interest(entry, profile, user, message="Ring til Sara på 12345678.")
    delete_account(user)
    interest.refresh_from_db()
    assert interest.withdrawn_at is not None
    assert interest.user_id is None and interest.message == ""
    assert [m.to for m in mail.outbox] == [[buyer_a.email]]
    assert "trukket" in mail.outbox[0].subject


def test_an_interest_stays_with_a_social_enterprise_that_keeps_owners(
    delete_account, entry, soev_a, soev_b
):
    profile, user = soev_a
    profile.owners.add(soev_b[1])
    interest = make_interest(entry, profile, user, message="Vi kan levere.")
    delete_account(user)
    interest.refresh_from_db()
    assert interest.is_active and interest.message == "Vi kan levere."
    assert interest.user_id is None
    assert InterestExpression.objects.count() == 1
