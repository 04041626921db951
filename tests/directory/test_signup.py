"""Sign-up for social enterprises: one transaction, clear messages, claiming an existing profile."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from accounts.models import Account
from accounts.services import approve
from accounts.tokens import confirmation_token
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
    assert response.status_code == 302 and response.url == "/opret/leverandoer/tak/"
    done = client.get(response.url)
    assert "Tjek din e-mail" in done.text and "mette@groengren.example" in done.text
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


def _page(response, email):
    """The page a visitor gets, with the e-mail they typed and the CSRF tokens left out."""
    assert response.status_code == 200 and response.redirect_chain
    text = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


@pytest.fixture
def fresh_answer(client, home_page):
    """What a sign-up with an unknown e-mail address and an unknown CVR number answers."""
    email = "ny@andetsted.example"
    data = _data(email=email, cvr=valid_cvr(32_000_000))
    page = _page(client.post(URL, data, follow=True), email)
    mail.outbox.clear()
    return page


def test_a_known_cvr_asks_for_access_without_naming_the_profile(
    client, fresh_answer, django_user_model
):
    owner = django_user_model.objects.create_user("ejer@kladde.example", "ejer@kladde.example")
    existing = SupplierProfile.objects.create(
        name="Hemmelig Kladde ApS", slug="hemmelig", cvr=_data()["cvr"], summary="Kladde."
    )
    existing.owners.add(owner)
    response = client.post(URL, _data(), follow=True)
    assert _page(response, "mette@groengren.example") == fresh_answer
    assert "Hemmelig Kladde" not in response.text
    assert SupplierProfile.objects.count() == 2
    user = django_user_model.objects.get(email="mette@groengren.example")
    assert user.account.claim_cvr == existing.cvr
    assert not existing.owners.filter(pk=user.pk).exists()
    assert [m.to for m in mail.outbox] == [["mette@groengren.example"]]
    assert "Hemmelig Kladde" not in mail.outbox[0].body

    editor = django_user_model.objects.create_superuser("r", "r@example.org", PASSWORD)
    mail.outbox.clear()
    client.get(f"/opret/bekraeft/{confirmation_token(user)}/")
    to_owner = next(m for m in mail.outbox if m.to == ["ejer@kladde.example"])
    assert "Hemmelig Kladde ApS" in to_owner.subject
    assert "Mette Holm" in to_owner.body and "mette@groengren.example" in to_owner.body
    to_editor = next(m for m in mail.outbox if m.to == ["r@example.org"])
    assert existing.cvr in to_editor.body

    user.account.refresh_from_db()
    approve(user.account, editor)
    assert set(existing.owners.all()) == {owner, user}


@pytest.mark.parametrize("status", [Account.Status.APPROVED, Account.Status.UNCONFIRMED])
def test_a_taken_e_mail_address_is_told_by_e_mail_not_on_the_page(
    client, fresh_answer, django_user_model, status
):
    taken = django_user_model.objects.create_user(
        "mette@groengren.example", "Mette@Groengren.example", "Gammel-Kode-42", first_name="Mette"
    )
    Account.objects.create(
        user=taken, kind=Account.Kind.SUPPLIER, organisation_name="Grøn Gren", status=status
    )
    response = client.post(URL, _data(), follow=True)
    assert _page(response, "mette@groengren.example") == fresh_answer
    assert django_user_model.objects.count() == 2  # the taken one and the fresh answer's
    assert not SupplierProfile.objects.filter(cvr=_data()["cvr"]).exists()
    taken.refresh_from_db()
    assert taken.check_password("Gammel-Kode-42")
    assert [m.to for m in mail.outbox] == [[taken.email]]
    body = mail.outbox[0].body
    if status == Account.Status.UNCONFIRMED:
        assert "/opret/bekraeft/" in body
    else:
        assert "/admin/login/" in body and "/admin/password_reset/" in body
        assert "forsøgt at oprette" in mail.outbox[0].subject


def test_failed_validations_do_not_count_towards_the_rate_limit(client, home_page):
    for i in range(12):
        client.post(URL, _data(email=f"x{i}@example.org", password2="forkert"))
    assert client.post(URL, _data()).status_code == 302


def test_the_rate_limit_keeps_what_was_typed_and_says_why_in_danish(client, home_page):
    for i in range(10):
        response = client.post(URL, _data(email=f"x{i}@example.org", cvr=valid_cvr(33_000_000 + i)))
        assert response.status_code == 302
    mail.outbox.clear()
    response = client.post(URL, _data())
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "Du har prøvet for mange gange" in response.text and "60 minutter" in response.text
    assert 'value="Grøn Gren ApS"' in response.text
    assert 'value="mette@groengren.example"' in response.text
    assert not get_user_model().objects.filter(email="mette@groengren.example").exists()
    assert mail.outbox == []


def test_the_done_page_without_a_sign_up_leads_to_the_form(client, home_page):
    response = client.get("/opret/leverandoer/tak/")
    assert response.status_code == 302 and response.url == URL


def test_the_sign_up_page_is_in_english_too(client, english_home):
    response = client.get("/en/opret/leverandoer/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "CVR number" in response.text


def test_the_terms_checkbox_links_to_the_terms_and_privacy_pages(client, home_page):
    from wagtail.models import Site

    from cms.models import SiteSettings, StandardPage

    terms, privacy = (
        home_page.add_child(instance=StandardPage(title=title, slug=slug))
        for title, slug in [("Vilkår", "vilkaar"), ("Privatliv", "privatlivspolitik")]
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.terms_page, site_settings.privacy_page = terms, privacy
    site_settings.save()
    expected = (
        'Jeg accepterer <a href="/vilkaar/">vilkårene for brug</a> og har læst '
        '<a href="/privatlivspolitik/">privatlivspolitikken</a>'
    )
    for url in (URL, "/opret/ordregiver/"):
        html = client.get(url).text
        label = re.search(r'<label class="form-label" for="id_accept_terms">(.*?)</label>', html)
        assert label[1] == expected, url
    privacy.unpublish()
    html = client.get(URL).text
    assert "læst privatlivspolitikken</label>" in html and 'href="/privatlivspolitik/"' not in html
