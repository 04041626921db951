"""Wagtail's own e-mails (moderation and password reset) are wholly in the recipient's language."""

import re

import pytest

from django.urls import reverse

from wagtail.users.models import UserProfile

from accounts.groups import EDITORS
from directory.models import SupplierProfile

from .factories import edit_data
from .test_moderation import _user, kantinen  # noqa: F401

pytestmark = pytest.mark.django_db
EDIT = "wagtailsnippets_directory_supplierprofile:edit"


def _speaks(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


def _submit(client, owner, profile):
    client.force_login(owner)
    url = reverse(EDIT, args=[profile.pk])
    data = edit_data(
        client, url, summary="Frokost.", cpv_codes="55520000", **{"action-submit": "1"}
    )
    assert client.post(url, data).status_code == 302


def _act(client, editor, profile, action, **data):
    client.force_login(editor)
    profile = SupplierProfile.objects.get(pk=profile.pk)
    task_state = profile.current_workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_directory_supplierprofile:workflow_action",
        args=[profile.pk, action, task_state.pk],
    )
    assert client.post(url, data).status_code == 302


# Words that only one of the two languages uses, as whole words.
WORDS = {
    "en": r"the|has|have|been|you|your|here|was|by|please|following|link|edit|preview|submitted"
    r"|approved|rejected|comment|password|reset|username|hello|notification|preferences|workflow",
    "da": r"og|er|til|af|du|dit|din|her|hej|kan|sendt|godkendt|afvist|redigere|skrev|kodeord"
    r"|brugernavn|linket|beskeder|følg|ændre|eksempel|trinnet|godkendelsesforløbet",
}
# What each e-mail says, in each language.
SAYS = {
    "submitted": {"da": "er sendt til godkendelse", "en": "has been submitted for approval"},
    "rejected": {"da": "er afvist", "en": "has been rejected"},
    "approved": {"da": "er godkendt", "en": "has been approved"},
    "password": {"da": "gendanne dit kodeord", "en": "reset your password"},
}


def _other_language_words(message, language, data):
    """Words of the other language in the subject, the text and the HTML part; URLs and the
    data named (titles, names, addresses) left out."""
    html = " ".join(body for body, _type in message.alternatives)
    text = " ".join([message.subject, message.body, re.sub(r"<[^>]+>", " ", html)])
    text = re.sub(r"https?://\S+", " ", text)
    for value in data:
        text = text.replace(value, " ")
    other = "en" if language == "da" else "da"
    return sorted(set(re.findall(rf"\b(?:{WORDS[other]})\b", text, re.IGNORECASE)))


@pytest.mark.parametrize("language", ["da", "en"])
def test_moderation_and_password_reset_e_mails_are_in_the_recipient_s_language(
    client,
    kantinen,  # noqa: F811
    mailoutbox,
    language,
):
    editor = _user("redaktoer@example.org", EDITORS)
    owner = kantinen.owners.get()
    _speaks(editor, language)
    _speaks(owner, language)
    sent = {}
    _submit(client, owner, kantinen)
    sent["submitted"] = [m for m in mailoutbox if m.to == [editor.email]]
    mailoutbox.clear()
    _act(client, editor, kantinen, "reject", comment="Skriv mere om frokosten.")
    sent["rejected"] = [m for m in mailoutbox if m.to == [owner.email]]
    _submit(client, owner, kantinen)
    mailoutbox.clear()
    _act(client, editor, kantinen, "approve")
    sent["approved"] = [m for m in mailoutbox if m.to == [owner.email]]
    mailoutbox.clear()
    client.logout()
    client.post(reverse("wagtailadmin_password_reset"), {"email": owner.email})
    sent["password"] = [m for m in mailoutbox if m.to == [owner.email]]

    workflow = SupplierProfile.objects.get(pk=kantinen.pk).get_workflow()
    # Workflow and task names are editors' data, in Danish whoever reads them.
    data = [editor.email, owner.email, "Kantinen", "Skriv mere om frokosten.", workflow.name]
    data += [task.name for task in workflow.tasks]
    for kind, messages in sent.items():
        assert len(messages) == 1, kind
        message = messages[0]
        assert SAYS[kind][language] in message.subject + message.body, (kind, message.body)
        assert _other_language_words(message, language, data) == [], (kind, message.body)
    assert "Skriv mere om frokosten." in sent["rejected"][0].body
