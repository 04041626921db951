"""A SØV's owner invites a colleague, who can then choose a password and edit the profile."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from tests.procurement.factories import make_supplier

pytestmark = pytest.mark.django_db


def invite_url(profile):
    return f"/admin/vores-profil/{profile.pk}/kolleger/"


def test_an_owner_invites_a_colleague_who_gets_a_password_link(
    client, django_capture_on_commit_callbacks
):
    profile, owner = make_supplier("Grøn Rengøring", "sara@groen.example")
    client.force_login(owner)
    data = {"full_name": "Mads Holm", "email": "Mads@Groen.example"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(profile), data, follow=True)
    assert "Vi har sendt en invitation til mads@groen.example." in response.content.decode()
    colleague = get_user_model().objects.get(email="mads@groen.example")
    assert set(profile.owners.all()) == {owner, colleague}
    [invitation] = mail.outbox
    assert invitation.to == ["mads@groen.example"]
    assert "Grøn Rengøring" in invitation.subject
    assert "/admin/password_reset/confirm/" in invitation.body
    assert "Mads Holm" in response.content.decode()  # listed among the colleagues


def test_an_existing_account_is_refused_in_danish_and_the_input_kept(client):
    profile, owner = make_supplier("Grøn Rengøring", "sara@groen.example")
    make_supplier("Kantinen Kraft", "kim@kraft.example")
    client.force_login(owner)
    data = {"full_name": "Kim Kraft", "email": "kim@kraft.example"}
    html = client.post(invite_url(profile), data).content.decode()
    assert "Denne person har allerede en konto. Bed en redaktør om at tilføje vedkommende." in html
    assert 'value="Kim Kraft"' in html
    assert profile.owners.count() == 1
    assert not mail.outbox


def test_nobody_invites_colleagues_to_another_sovs_profile(client):
    _profile, owner = make_supplier("Grøn Rengøring", "sara@groen.example")
    other, _ = make_supplier("Kantinen Kraft", "kim@kraft.example")
    client.force_login(owner)
    assert client.get(invite_url(other)).status_code == 404
    response = client.post(invite_url(other), {"full_name": "X", "email": "x@groen.example"})
    assert response.status_code == 404
    assert other.owners.count() == 1
    assert not get_user_model().objects.filter(email="x@groen.example").exists()
