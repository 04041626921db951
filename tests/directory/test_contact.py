"""Writing to a SØV through its profile page: stored, sent to its users in their language with
a copy to the sender, rate-limited, and never for an offline profile."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache

from wagtail.users.models import UserProfile

from accounts.groups import SUPPLIERS
from accounts.ratelimit import CONTACT_RULE
from directory.models import ContactMessage

from .factories import profile

pytestmark = pytest.mark.django_db
URL = "/leverandoerer/kantinen/kontakt/"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _owner(email, language="da"):
    user = get_user_model().objects.create_user(email, email, "Sk0vmaerke-42!", first_name="Anna")
    user.groups.add(Group.objects.get(name=SUPPLIERS))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.fixture
def kantinen(directory_page):
    kantinen = profile(name="Kantinen", slug="kantinen", email="kontakt@kantinen.example")
    kantinen.owners.add(_owner("anna@kantinen.example"), _owner("bo@kantinen.example", "en"))
    return kantinen


def _data(**changes):
    data = {
        "name": "Karen Indkøber",
        "email": "Karen@Aarhus.example",
        "organisation": "Aarhus Kommune",
        "subject": "Frokost til 40",
        "message": "Kan I levere frokost til 40 personer hver fredag?",
        "website": "",
    }
    return {**data, **changes}


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_the_profile_page_links_to_the_contact_form(client, kantinen):
    html = client.get("/leverandoerer/kantinen/").content.decode()
    assert "Kontakt virksomheden" in html
    assert 'href="/leverandoerer/kantinen/kontakt/"' in html
    form = client.get(URL)
    assert form.status_code == 200
    assert "Kontakt Kantinen" in form.content.decode()


def test_a_message_is_stored_sent_to_the_users_in_their_language_and_copied(client, kantinen):
    response = client.post(URL, _data())
    assert response.status_code == 302
    assert response.url == "/leverandoerer/kantinen/kontakt/sendt/"
    sent = client.get(response.url).content.decode()
    assert "Din besked er sendt" in sent
    message = ContactMessage.objects.get()
    assert (message.profile, message.email, message.language) == (
        kantinen,
        "karen@aarhus.example",
        "da",
    )
    danish, english = _to("anna@kantinen.example")[0], _to("bo@kantinen.example")[0]
    assert danish.subject == "Besked gennem Socialøkonomisk: Frokost til 40"
    assert "Kan I levere frokost til 40 personer hver fredag?" in danish.body
    assert "karen@aarhus.example" in danish.body
    assert f"/admin/snippets/directory/contactmessage/inspect/{message.pk}/" in danish.body
    assert english.subject == "Message through Socialøkonomisk: Frokost til 40"
    assert danish.alternatives and english.alternatives  # HTML parts
    copy = _to("karen@aarhus.example")[0]
    assert copy.subject == "Kopi af din besked til Kantinen"
    assert "http://testserver/leverandoerer/kantinen/" in copy.body
    assert len(mail.outbox) == 3


def test_the_english_form_and_copy_are_in_english(client, kantinen, english_directory):
    response = client.post(f"/en{URL}", _data())
    assert response.url == "/en/leverandoerer/kantinen/kontakt/sendt/"
    assert "Your message has been sent" in client.get(response.url).content.decode()
    assert _to("karen@aarhus.example")[0].subject == "Copy of your message to Kantinen"
    assert ContactMessage.objects.get().language == "en"
    assert "Contact Kantinen" in client.get(f"/en{URL}").content.decode()


def test_a_profile_without_users_gets_the_message_at_its_address(client, directory_page):
    profile(name="Kantinen", slug="kantinen", email="kontakt@kantinen.example")
    assert client.post(URL, _data()).status_code == 302
    assert _to("kontakt@kantinen.example")[0].subject.startswith("Besked gennem")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"message": ""}, "Skriv en besked."),
        ({"message": "   "}, "Skriv en besked."),
        ({"email": "karen@"}, "Skriv en gyldig e-mailadresse, fx navn@example.dk."),
        ({"email": ""}, "Skriv din e-mailadresse."),
        ({"subject": ""}, "Skriv et emne."),
        (
            {"message": "x" * 50_000},
            "Beskeden må højst være på 5000 tegn; den er på 50000 tegn.",
        ),
    ],
)
def test_bad_input_gets_a_danish_message_keeps_the_input_and_stores_nothing(
    client, kantinen, changes, error
):
    data = _data(**changes)
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert "Frokost til 40" in html or changes.get("subject") == ""
    assert data["name"] in html
    if len(data["message"]) > 10:
        assert data["message"] in html
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_a_bot_filling_the_honeypot_sends_nothing(client, kantinen):
    assert client.post(URL, _data(website="http://spam.example")).status_code == 400
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_one_sender_address_is_limited_from_every_ip_address(client, kantinen):
    for n in range(CONTACT_RULE.per_account):
        ip = f"198.51.100.{n + 1}"
        assert client.post(URL, _data(), REMOTE_ADDR=ip).status_code == 302
    response = client.post(URL, _data(email="KAREN@aarhus.example"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Du har sendt for mange beskeder" in html
    assert "Kan I levere frokost" in html  # the input is kept
    assert ContactMessage.objects.count() == CONTACT_RULE.per_account
    other = _data(email="jens@aarhus.example")
    assert client.post(URL, other, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_one_ip_address_is_limited_and_failed_validations_do_not_count(client, kantinen):
    for _ in range(CONTACT_RULE.per_ip + 3):
        assert client.post(URL, _data(message="")).status_code == 400
    for n in range(CONTACT_RULE.per_ip):
        assert client.post(URL, _data(email=f"afsender{n}@example.dk")).status_code == 302
    assert client.post(URL, _data(email="ny@example.dk")).status_code == 429
    assert ContactMessage.objects.count() == CONTACT_RULE.per_ip


@pytest.mark.parametrize("how", ["unpublished", "taken_offline"])
def test_an_offline_profile_has_no_contact_form(client, kantinen, how):
    if how == "unpublished":
        kantinen.live = False
        kantinen.save()
    else:
        from accounts.services import OfflineReason, take_offline

        take_offline(kantinen, OfflineReason.OWNER)
    assert client.get(URL).status_code == 404
    assert client.post(URL, _data()).status_code == 404
    assert client.get(f"{URL}sendt/").status_code == 404
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_a_profile_no_one_would_receive_messages_for_shows_no_form(client, directory_page):
    profile(name="Kantinen", slug="kantinen", email="")
    assert "Kontakt virksomheden" not in client.get("/leverandoerer/kantinen/").content.decode()
    assert client.get(URL).status_code == 404


def test_a_soev_may_keep_its_address_off_the_public_page(client, kantinen):
    kantinen.email_public = False
    kantinen.save()
    html = client.get("/leverandoerer/kantinen/").content.decode()
    assert "kontakt@kantinen.example" not in html
    assert "Kontakt virksomheden" in html
    api = client.get("/api/v1/suppliers/").content.decode()
    assert "kontakt@kantinen.example" not in api
    export = b"".join(client.get("/leverandoerer/eksport.csv").streaming_content)
    assert b"kontakt@kantinen.example" not in export
    kantinen.email_public = True
    kantinen.save()
    assert "kontakt@kantinen.example" in client.get("/leverandoerer/kantinen/").content.decode()


def test_the_soev_reads_its_messages_in_the_admin(client, kantinen):
    client.post(URL, _data())
    message = ContactMessage.objects.get()
    owner = kantinen.owners.get(email="anna@kantinen.example")
    client.force_login(owner)
    dashboard = client.get("/admin/").content.decode()
    assert "Beskeder til jer" in dashboard
    assert "Frokost til 40" in dashboard
    listing = client.get("/admin/snippets/directory/contactmessage/")
    assert listing.status_code == 200
    assert "Frokost til 40" in listing.content.decode()
    detail = client.get(f"/admin/snippets/directory/contactmessage/inspect/{message.pk}/")
    assert "Kan I levere frokost til 40 personer hver fredag?" in detail.content.decode()
    assert client.get(
        f"/admin/snippets/directory/contactmessage/edit/{message.pk}/"
    ).status_code in (
        302,
        403,
        404,
    )
