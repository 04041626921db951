"""A social enterprise's owner takes its live profile offline or deletes their account."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import ModelLogEntry, Revision, WorkflowState

from accounts.groups import BUYERS, EDITORS, SUPPLIERS
from accounts.models import Account
from directory.models import SupplierProfile

from .factories import edit_data, profile

pytestmark = pytest.mark.django_db
PASSWORD = "Sk0vmaerke-Kantine-42"
EDIT = "wagtailsnippets_directory_supplierprofile:edit"
CONTACT = {"contact_name": "Anna Jensen", "email": "anna@kantinen.example", "phone": "12345678"}


def _user(email, group, **fields):
    user = get_user_model().objects.create_user(email, email, PASSWORD, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return _user("redaktoer@example.org", EDITORS, first_name="Rita")


@pytest.fixture
def owner(editor):
    user = _user("anna@kantinen.example", SUPPLIERS, first_name="Anna", last_name="Jensen")
    Account.objects.create(
        user=user,
        kind=Account.Kind.SUPPLIER,
        organisation_name="Kantinen",
        status=Account.Status.APPROVED,
        decided_by=editor,
    )
    return user


@pytest.fixture
def live_profile(owner, directory_page):
    """A live profile published from a revision, with a change its owner sent for moderation."""
    kantinen = profile(name="Kantinen", slug="kantinen", cpv=["55520000"], **CONTACT)
    kantinen.owners.add(owner)
    kantinen.save_revision(user=owner).publish()
    return kantinen


def _submit_change(client, kantinen):
    url = reverse(EDIT, args=[kantinen.pk])
    data = edit_data(
        client, url, summary="Frokost hver dag.", cpv_codes="55520000", **{"action-submit": "1"}
    )
    assert client.post(url, data).status_code == 302


def _history(client, kantinen):
    url = reverse("wagtailsnippets_directory_supplierprofile:history", args=[kantinen.pk])
    return client.get(url).content.decode()


def test_the_last_owner_takes_the_live_profile_offline(client, owner, live_profile, editor):
    client.force_login(owner)
    _submit_change(client, live_profile)
    response = client.post(reverse("directory_owner:take_offline", args=[live_profile.pk]))
    assert response.status_code == 302
    live_profile.refresh_from_db()
    assert not live_profile.live
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Kantinen er nu offline." in messages
    assert client.get("/leverandoerer/kantinen/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(live_profile.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED
    entry = ModelLogEntry.objects.for_instance(live_profile).get(action="accounts.take_offline")
    assert entry.user == owner
    client.force_login(editor)
    assert "Taget offline af ejeren" in _history(client, live_profile)


def test_deleting_the_account_takes_the_profile_offline_and_erases_the_contact(
    client, owner, live_profile, editor
):
    client.force_login(owner)
    _submit_change(client, live_profile)
    response = client.post(reverse("accounts_admin:delete_my_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert not Account.objects.filter(user_id=owner.pk).exists()

    kantinen = SupplierProfile.objects.get(pk=live_profile.pk)
    assert not kantinen.live
    assert (kantinen.contact_name, kantinen.email, kantinen.phone) == ("", "", "")
    assert client.get("/leverandoerer/kantinen/").status_code == 404
    revisions = Revision.objects.for_instance(kantinen)
    assert revisions.count() == 2
    for revision in revisions:
        assert revision.user_id is None
        for value in CONTACT.values():
            assert value not in json.dumps(revision.content)
    state = WorkflowState.objects.get(object_id=str(kantinen.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert state.requested_by_id is None
    entry = ModelLogEntry.objects.for_instance(kantinen).get(action="accounts.take_offline")
    assert entry.user_id is None
    client.force_login(editor)
    assert "Taget offline, fordi den sidste ejer slettede sin konto" in _history(client, kantinen)


def test_a_co_owned_profile_stays_live_without_the_leaving_owners_details(
    client, owner, live_profile
):
    colleague = _user("bo@kantinen.example", SUPPLIERS, first_name="Bo")
    live_profile.owners.add(colleague)
    client.force_login(owner)
    client.post(reverse("accounts_admin:delete_my_account"), {"password": PASSWORD})
    kantinen = SupplierProfile.objects.get(pk=live_profile.pk)
    assert kantinen.live
    assert list(kantinen.owners.all()) == [colleague]
    assert (kantinen.contact_name, kantinen.email, kantinen.phone) == ("", "", "")
    for revision in Revision.objects.for_instance(kantinen):
        for value in CONTACT.values():
            assert value not in json.dumps(revision.content)


def test_log_entries_about_the_deleted_user_no_longer_name_them(client, owner, editor):
    ModelLogEntry.objects.log_action(owner, "wagtail.edit", user=editor)
    client.force_login(owner)
    client.post(reverse("accounts_admin:delete_my_account"), {"password": PASSWORD})
    user_type = ContentType.objects.get_for_model(get_user_model())
    labels = ModelLogEntry.objects.filter(content_type=user_type, object_id=str(owner.pk))
    assert labels.exists()
    assert not labels.filter(label__icontains="anna").exists()


def test_no_one_else_can_take_the_profile_offline(client, live_profile):
    for user in (
        _user("anden@soev.example", SUPPLIERS),
        _user("indkoeber@kommune.example", BUYERS),
    ):
        client.force_login(user)
        response = client.post(reverse("directory_owner:take_offline", args=[live_profile.pk]))
        assert response.status_code in (403, 404)
    live_profile.refresh_from_db()
    assert live_profile.live
    assert not ModelLogEntry.objects.filter(action="accounts.take_offline").exists()
