"""The buyer sign-up at /opret/ordregiver/ and what approval does."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Account
from accounts.services import approve
from procurement.models import BuyerOrganisation, BuyerSignupRequest

from .factories import make_user, valid_cvr

pytestmark = pytest.mark.django_db
URL = "/opret/ordregiver/"


def form_data(**changes):
    data = {
        "full_name": "Mette Indkøber",
        "email": "mette@aarhus.example",
        "organisation": "",
        "other_name": "",
        "other_cvr": "",
        "password1": "lang-og-sikker-42",
        "password2": "lang-og-sikker-42",
        "accept_terms": "on",
        "website": "",
    }
    return {**data, **changes}


def nothing_created():
    return not get_user_model().objects.exists() and not BuyerSignupRequest.objects.exists()


def test_sign_up_page_lists_the_organisations(client, aarhus):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Aarhus Kommune" in response.content.decode()


def test_sign_up_for_a_listed_organisation_and_approval_makes_a_member(client, aarhus):
    response = client.post(URL, form_data(organisation=aarhus.pk))
    assert response.status_code == 302 and response.url == "/opret/ordregiver/tak/"
    assert "mette@aarhus.example" in client.get(response.url).text
    user = get_user_model().objects.get(email="mette@aarhus.example")
    assert not user.is_active
    assert user.groups.filter(name="Ordregivere").exists()
    assert user.account.kind == "buyer" and user.account.organisation_name == "Aarhus Kommune"
    assert mail.outbox[0].to == ["mette@aarhus.example"]
    account = user.account
    account.confirm_email()
    approve(account, make_user("editor@example.com", "Redaktører"))
    assert list(aarhus.members.all()) == [user]
    assert not BuyerSignupRequest.objects.exists()


def test_another_public_body_is_created_at_approval(client, db):
    cvr = valid_cvr()
    client.post(
        URL, form_data(organisation="other", other_name="Fjordens Forsyning", other_cvr=cvr)
    )
    assert not BuyerOrganisation.objects.filter(name="Fjordens Forsyning").exists()
    account = Account.objects.get()
    account.confirm_email()
    approve(account, make_user("editor@example.com", "Redaktører"))
    organisation = BuyerOrganisation.objects.get(name="Fjordens Forsyning")
    assert organisation.cvr == cvr and organisation.kind == "other"
    assert organisation.members.filter(pk=account.user_id).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, "organisation", "Vælg jeres organisation"),
        ({"organisation": "999999"}, "organisation", "Vælg en organisation fra listen."),
        ({"organisation": "other", "other_cvr": "12345678"}, "other_cvr", "kontrolcifferet"),
        (
            {"organisation": "other", "other_name": "Noget"},
            "other_cvr",
            "Skriv jeres myndigheds CVR-nummer",
        ),
        ({"organisation": "other", "other_cvr": "1234"}, "other_cvr", "præcis 8 cifre"),
        (
            {"organisation": "other", "other_name": "Aarhus Kommune", "other_cvr": "12345607"},
            "organisation",
            "er allerede på listen",
        ),
        ({"password2": "noget-andet-42"}, "password2", "ikke ens"),
        ({"accept_terms": ""}, "accept_terms", "acceptere vilkårene"),
    ],
)
def test_bad_input_gives_a_clear_message_and_creates_nothing(
    client, aarhus, changes, field, message
):
    data = (
        form_data(organisation=aarhus.pk)
        if "organisation" not in changes and changes
        else form_data()
    )
    response = client.post(URL, {**data, **changes})
    assert response.status_code == 400
    errors = " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    assert message in errors
    assert 'value="Mette Indkøber"' in response.content.decode()
    assert nothing_created()
    assert mail.outbox == []


def test_honeypot_blocks_bots(client, aarhus):
    response = client.post(URL, form_data(organisation=aarhus.pk, website="http://spam"))
    assert response.status_code == 400
    assert nothing_created()


def test_sign_up_is_rate_limited_per_e_mail_address_keeping_what_was_typed(client, aarhus):
    for _attempt in range(3):
        client.post(URL, form_data(organisation=aarhus.pk, password2="forkert-42"))
    for _attempt in range(3):
        assert client.post(URL, form_data(organisation=aarhus.pk)).status_code == 302
    response = client.post(URL, form_data(organisation=aarhus.pk))
    assert response.status_code == 429
    assert "Du har prøvet for mange gange" in response.text
    assert "Ret de markerede felter" not in response.text
    assert 'value="Mette Indkøber"' in response.text
    assert get_user_model().objects.count() == 1


def _page(response, email):
    """The page a visitor gets, with the e-mail they typed and the CSRF tokens left out."""
    assert response.status_code == 200 and response.redirect_chain
    text = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


@pytest.fixture
def fresh_answer(client, aarhus):
    email = "ny@andetsted.example"
    data = form_data(email=email, organisation=aarhus.pk)
    page = _page(client.post(URL, data, follow=True), email)
    mail.outbox.clear()
    return page


def test_a_taken_e_mail_address_is_told_by_e_mail_not_on_the_page(client, aarhus, fresh_answer):
    taken = make_user("mette@aarhus.example", "Ordregivere", first_name="Mette")
    response = client.post(URL, form_data(organisation=aarhus.pk), follow=True)
    assert _page(response, "mette@aarhus.example") == fresh_answer
    assert not BuyerSignupRequest.objects.filter(user=taken).exists()
    assert [m.to for m in mail.outbox] == [["mette@aarhus.example"]]
    assert "/admin/password_reset/" in mail.outbox[0].body


def test_a_known_cvr_asks_to_join_that_organisation_without_naming_it(client, db, fresh_answer):
    known = BuyerOrganisation.objects.create(name="Fjordens Forsyning", cvr=valid_cvr())
    data = form_data(organisation="other", other_name="Forsyningen", other_cvr=known.cvr)
    response = client.post(URL, data, follow=True)
    assert _page(response, "mette@aarhus.example") == fresh_answer
    assert "Fjordens Forsyning" not in response.content.decode()
    account = Account.objects.get(user__email="mette@aarhus.example")
    account.confirm_email()
    approve(account, make_user("editor@example.com", "Redaktører"))
    assert list(known.members.all()) == [account.user]
    assert BuyerOrganisation.objects.filter(name__startswith="Forsyningen").count() == 0
