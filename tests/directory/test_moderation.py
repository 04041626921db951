"""A social enterprise's draft changes nothing the public sees until an editor publishes it."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from wagtail.users.models import UserProfile

from accounts.groups import EDITORS, SUPPLIERS
from directory.models import SupplierProfile

from .factories import edit_data, profile

pytestmark = pytest.mark.django_db
EDIT = "wagtailsnippets_directory_supplierprofile:edit"
DERIVED = (
    "reserved_contract_eligible",
    "facet_keys",
    "search_keywords",
    "search_document",
    "updated_at",
)


def _user(email, group):
    user = get_user_model().objects.create_user(email, email, "Sk0vmaerke-42!")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def kantinen(directory_page):
    kantinen = profile(
        name="Kantinen",
        slug="kantinen",
        cpv=["55520000"],
        employees_total=10,
        employees_special_terms=1,
    )
    kantinen.owners.add(_user("ejer@kantinen.example", SUPPLIERS))
    return kantinen


def _public_view(client, kantinen):
    """What anonymous visitors and integrators see of the profile, and how it is found."""
    cache.clear()
    api = client.get(f"/api/v1/suppliers/{kantinen.pk}/").json()
    return {
        "directory": "Kantinen" in client.get("/leverandoerer/", {"reserved": "1"}).text,
        "search": "Kantinen" in client.get("/leverandoerer/", {"q": "frokostordning"}).text,
        "api_filter": [
            s["name"]
            for s in client.get("/api/v1/suppliers/?reserved_eligible=true").json()["items"]
        ],
        "api_eligible": api["reserved_contract_eligible"],
        "api_summary": api["summary"],
        "widget": "Kantinen" in client.get("/leverandoerer/widget/", {"reserved": "1"}).text,
        "badge": "Reserverede kontrakter" in client.get("/leverandoerer/kantinen/").text,
    }


def _derived(kantinen):
    row = SupplierProfile.objects.get(pk=kantinen.pk)
    return {name: getattr(row, name) for name in DERIVED}


@pytest.mark.parametrize("action", ["action-save", "action-submit"])
def test_a_draft_changes_no_public_data_until_an_editor_publishes(client, kantinen, action):
    before_public, before_derived = _public_view(client, kantinen), _derived(kantinen)
    assert before_public["api_eligible"] is False and before_public["directory"] is False

    client.force_login(kantinen.owners.get())
    url = reverse(EDIT, args=[kantinen.pk])
    data = edit_data(
        client,
        url,
        summary="Frokostordning til skoler.",
        employees_special_terms="5",
        reserved_contract_claim="on",
        cpv_codes="55520000, 90911200",
        tags="frokostordning",
        **{action: "1"},
    )
    assert client.post(url, data).status_code == 302
    client.logout()
    kantinen.refresh_from_db()
    assert kantinen.has_unpublished_changes
    assert _derived(kantinen) == before_derived
    assert _public_view(client, kantinen) == before_public

    kantinen.latest_revision.publish(user=_user("redaktoer@example.org", EDITORS))
    after = _public_view(client, kantinen)
    assert after == {
        "directory": True,
        "search": True,
        "api_filter": ["Kantinen"],
        "api_eligible": True,
        "api_summary": "Frokostordning til skoler.",
        "widget": True,
        "badge": True,
    }


def test_submitting_e_mails_the_editors_in_their_language_and_approval_tells_the_soev(
    client, kantinen, mailoutbox
):
    danish_editor = _user("redaktoer@example.org", EDITORS)
    english_editor = _user("editor@example.org", EDITORS)
    UserProfile.objects.create(user=english_editor, preferred_language="en")
    owner = kantinen.owners.get()
    client.force_login(owner)
    url = reverse(EDIT, args=[kantinen.pk])
    data = edit_data(
        client, url, summary="Frokost til skoler.", cpv_codes="55520000", **{"action-submit": "1"}
    )
    assert client.post(url, data).status_code == 302

    sent = {message.to[0]: message for message in mailoutbox}
    danish, english = sent[danish_editor.email], sent[english_editor.email]
    assert 'Leverandørprofil "Kantinen" er sendt til godkendelse' in danish.body
    assert '"Godkendelse ved en redaktør"' in danish.body
    assert "has been submitted" not in danish.body + danish.subject
    assert 'The supplier profile "Kantinen" has been submitted' in english.body

    mailoutbox.clear()
    client.force_login(danish_editor)
    workflow_state = kantinen.current_workflow_state
    task_state = workflow_state.current_task_state
    action = reverse(
        "wagtailsnippets_directory_supplierprofile:workflow_action",
        args=[kantinen.pk, "approve", task_state.pk],
    )
    assert client.post(action, {}).status_code in (200, 302)
    to_owner = [m for m in mailoutbox if m.to == [owner.email]]
    assert to_owner, [m.to for m in mailoutbox]
    assert 'Leverandørprofil "Kantinen" er godkendt' in to_owner[0].body


def test_changes_requested_reach_the_soev_in_danish_with_the_comment(client, kantinen, mailoutbox):
    editor = _user("redaktoer@example.org", EDITORS)
    owner = kantinen.owners.get()
    client.force_login(owner)
    url = reverse(EDIT, args=[kantinen.pk])
    data = edit_data(
        client, url, summary="Frokost.", cpv_codes="55520000", **{"action-submit": "1"}
    )
    assert client.post(url, data).status_code == 302
    mailoutbox.clear()

    client.force_login(editor)
    task_state = kantinen.current_workflow_state.current_task_state
    action = reverse(
        "wagtailsnippets_directory_supplierprofile:workflow_action",
        args=[kantinen.pk, "reject", task_state.pk],
    )
    assert client.post(action, {"comment": "Skriv mere om frokosten."}).status_code == 302
    to_owner = [m for m in mailoutbox if m.to == [owner.email]]
    assert len(to_owner) == 1
    body = to_owner[0].body
    assert 'Leverandørprofil "Kantinen" er afvist' in body, body
    assert "Skriv mere om frokosten." in body
    assert "rejected" not in body + to_owner[0].subject
    assert "comment was left" not in body
