"""A new confirmation e-mail from the login page: same answer for every address, rate limited."""

import pytest

from django.core import mail
from django.core.cache import cache

from accounts.groups import SUPPLIERS
from accounts.models import Account
from accounts.services import create_user_with_account

URL = "/opret/ny-bekraeftelse/"
ANSWER = "Tjek din indbakke"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def applicant(db):
    return create_user_with_account(
        full_name="Anna Jensen",
        email="anna@kaffekollektivet.example",
        password="Sk0vmaerke-Kantine-42",
        kind=Account.Kind.SUPPLIER,
        organisation_name="Kaffekollektivet",
        group=SUPPLIERS,
    )


def ask(client, email, ip="203.0.113.5"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=ip)


def test_the_login_page_links_to_the_form(client, db):
    login = client.get("/admin/login/")
    assert URL in login.text
    form = client.get(URL)
    assert form.status_code == 200
    assert "Send en ny bekræftelsesmail" in form.text


def test_an_unconfirmed_account_gets_a_new_link_that_confirms_it(client, applicant):
    response = ask(client, "ANNA@kaffekollektivet.example")
    assert response.status_code == 200
    assert ANSWER in response.text
    assert mail.outbox[-1].to == ["anna@kaffekollektivet.example"]
    link = next(line for line in mail.outbox[-1].body.splitlines() if line.startswith("http"))
    assert client.get(link.replace("http://testserver", "")).status_code == 200
    applicant.account.refresh_from_db()
    assert applicant.account.status == Account.Status.AWAITING_APPROVAL


def test_unknown_and_confirmed_addresses_get_the_same_answer_and_no_mail(client, applicant):
    applicant.account.confirm_email()
    answers = [ask(client, email) for email in ["anna@kaffekollektivet.example", "x@example.org"]]
    assert [a.status_code for a in answers] == [200, 200]
    assert all(ANSWER in a.text for a in answers)
    assert mail.outbox == []


def test_an_invalid_address_is_explained_in_danish_and_kept(client, db):
    response = ask(client, "ikke-en-adresse")
    assert response.status_code == 200
    assert "Angiv en gyldig e-mailadresse" in response.text
    assert 'value="ikke-en-adresse"' in response.text
    assert mail.outbox == []


def test_requests_are_rate_limited_per_address_and_account(client, applicant):
    for _ in range(3):
        assert ask(client, "anna@kaffekollektivet.example").status_code == 200
    assert ask(client, "anna@kaffekollektivet.example").status_code == 429
    assert len(mail.outbox) == 3
    assert ask(client, "anna@kaffekollektivet.example", ip="198.51.100.7").status_code == 200
