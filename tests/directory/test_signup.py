"""Sign-up for social enterprises: one transaction, clear messages, claiming an existing profile."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from accounts.models import Account
from accounts.services import approve
from directory.models import SupplierProfile

from ..accounts.test_permission_matrix import valid_cvr

URL = "/opret/leverandoer/"
PASSWORD = "Sk0vmaerke-Kantine-42"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _data(**changes):
    data = {
        "cvr": valid_cvr(31_000_000),
        "organisation_name": "Grøn Gren ApS",
        "full_name": "Mette Holm",
        "email": "mette@groengren.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
        "website": "",
    }
    return {**data, **changes}


def test_sign_up_creates_an_inactive_user_and_a_draft_profile_and_mails_a_link(client, home_page):
    response = client.post(URL, _data())
    assert response.status_code == 200
    assert "mette@groengren.example" in response.text
    user = get_user_model().objects.get(email="mette@groengren.example")
    assert not user.is_active
    assert user.account.status == Account.Status.UNCONFIRMED
    profile = SupplierProfile.objects.get(cvr=_data()["cvr"])
    assert not profile.live
    assert list(profile.owners.all()) == [user]
    assert mail.outbox[-1].to == ["mette@groengren.example"]
    assert "/opret/bekraeft/" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cvr": "12345678"}, "cvr", "ikke et gyldigt CVR-nummer"),
        ({"cvr": "123"}, "cvr", "8 cifre"),
        ({"email": "ikke-en-mail"}, "email", "e-mail"),
        ({"password2": "noget-andet-42"}, "password2", "ikke ens"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "adgangskode"),
        ({"accept_terms": ""}, "accept_terms", "acceptere vilkårene"),
        ({"organisation_name": ""}, "organisation_name", "påkrævet"),
    ],
)
def test_bad_input_is_explained_kept_and_nothing_is_created(
    client, home_page, changes, field, message
):
    response = client.post(URL, _data(**changes))
    assert response.status_code == 400
    assert message.lower() in response.text.lower()
    assert 'value="Grøn Gren ApS"' in response.text or field == "organisation_name"
    assert not get_user_model().objects.exists()
    assert not SupplierProfile.objects.exists()
    assert mail.outbox == []


def test_a_bot_filling_the_honeypot_creates_nothing(client, home_page):
    assert client.post(URL, _data(website="http://spam.example")).status_code == 400
    assert not get_user_model().objects.exists()


def test_existing_cvr_offers_to_request_access_instead_of_a_duplicate(
    client, home_page, django_user_model
):
    existing = SupplierProfile.objects.create(
        name="Grøn Gren ApS", slug="groen-gren", cvr=_data()["cvr"], summary="Grøn pleje."
    )
    response = client.post(URL, _data())
    assert response.status_code == 400
    assert "anmod om adgang" in response.text.lower() or "bed om adgang" in response.text.lower()
    assert not django_user_model.objects.exists()

    client.post(URL, _data(request_access="on"))
    assert SupplierProfile.objects.count() == 1
    user = django_user_model.objects.get(email="mette@groengren.example")
    assert user.account.claim_cvr == existing.cvr
    assert not existing.owners.exists()

    editor = django_user_model.objects.create_superuser("r", "r@example.org", PASSWORD)
    user.account.confirm_email()
    approve(user.account, editor)
    assert list(existing.owners.all()) == [user]


def test_sign_up_is_rate_limited_per_ip(client, home_page):
    for i in range(10):
        client.post(URL, _data(email=f"x{i}@example.org", password2="forkert"))
    response = client.post(URL, _data())
    assert response.status_code == 429
    assert not get_user_model().objects.exists()


def test_the_sign_up_page_is_in_english_too(client, english_home):
    response = client.get("/en/opret/leverandoer/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "CVR number" in response.text
