"""Saved searches: double opt-in, only new results, once only, signed links without login."""

import re
from datetime import timedelta
from unittest import mock

import pytest

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from directory.models import DirectoryIndexPage
from procurement import saved_searches
from procurement.models import SavedSearch
from procurement.saved_searches import confirm_token, list_token, send_all
from procurement.services import confirm_search
from tests.conftest import requires_postgres

from ..directory.factories import profile
from .factories import make_entry, make_supplier

pytestmark = [pytest.mark.django_db, requires_postgres]
CLEANING = "90911200"


@pytest.fixture
def directory_page(home_page):
    page = home_page.add_child(
        instance=DirectoryIndexPage(title="Leverandører", slug="leverandoerer")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(directory_page, tender_page):
    return directory_page, tender_page


def cleaner(name, **fields):
    return profile(name=name, cpv=[CLEANING], **fields)


def save(client, email="ida@example.org", kind="directory", query=f"cpv={CLEANING}", **extra):
    url = extra.pop("url", "/gemte-soegninger/")
    return client.post(url, {"email": email, "kind": kind, "query": query, "website": "", **extra})


def link(message, path):
    return re.search(rf"https?://[^/\s]+({path}[^\s]+/)", message.body).group(1)


def saved(email="ida@example.org", kind="directory", query=f"cpv={CLEANING}", language="da"):
    return confirm_search(
        SavedSearch.objects.create(email=email, kind=kind, query=query, language=language)
    )


def test_save_confirm_by_post_and_hear_only_of_new_results(client, pages, mailoutbox):
    old = cleaner("Gammel Rengøring")
    page = client.get(f"/leverandoerer/?cpv={CLEANING}").content.decode()
    assert "Gem søgning" in page and 'action="/gemte-soegninger/"' in page

    response = save(client, query=f"cpv={CLEANING}&sort=name&page=2&cpv_q=rens")
    assert response.status_code == 302 and response.url == "/gemte-soegninger/sendt/"
    assert "Tjek din e-mail" in client.get(response.url).content.decode()
    search = SavedSearch.objects.get()
    assert (search.email, search.kind, search.query, search.language) == (
        "ida@example.org",
        "directory",
        f"cpv={CLEANING}",
        "da",
    )
    [message] = mailoutbox
    assert message.subject == "Bekræft din gemte søgning"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0][1] == "text/html"

    url = link(message, "/gemte-soegninger/bekraeft/")
    page = client.get(url)
    assert page.status_code == 200 and "Bekræft" in page.content.decode()
    assert send_all() == 0  # a GET (a mail scanner) confirms nothing
    assert SavedSearch.objects.get().confirmed_at is None

    page = client.post(url).content.decode()
    assert "Søgningen er gemt" in page
    assert send_all() == 0  # the baseline: what it finds today is not news

    new = cleaner("Ny Rengøring")
    cleaner("Kladde Rengøring", live=False)
    profile(name="Kantine Kraft", cpv=["55520000"])
    assert send_all() == 1
    message = mailoutbox[-1]
    assert message.subject == "Et nyt resultat til din gemte søgning"
    assert new.name in message.body and old.name not in message.body
    assert f"/leverandoerer/{new.slug}/" in message.body
    assert "Kladde" not in message.body and "Kantine" not in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body and unsubscribe in message.alternatives[0][0]
    assert send_all() == 0  # never the same result twice
    call_command("send_saved_searches", stdout=mock.Mock())
    assert len(mailoutbox) == 2


def test_a_tender_plan_search_hears_of_new_published_entries(client, pages, aarhus, mailoutbox):
    make_entry(aarhus, title="Rengøring af rådhuset")
    save(client, kind="tender_plan", query=f"cpv={CLEANING}&match=1")
    search = SavedSearch.objects.get()
    assert search.query == f"cpv={CLEANING}"
    client.post(link(mailoutbox[0], "/gemte-soegninger/bekraeft/"))
    entry = make_entry(aarhus, title="Rengøring af skoler")
    make_entry(aarhus, title="Rengøring af haller", publish=False)
    make_entry(aarhus, title="Kantinedrift", cpv=("55520000",))
    assert send_all() == 1
    body = mailoutbox[-1].body
    assert "Rengøring af skoler – Aarhus Kommune" in body
    assert f"/udbudsplan/{entry.pk}/{entry.slug}/" in body
    assert "rådhuset" not in body and "haller" not in body and "Kantinedrift" not in body


def test_a_run_that_dies_halfway_never_sends_a_result_twice(pages, mailoutbox):
    searches = [saved(email=f"ida{n}@example.org") for n in range(3)]
    cleaner("Ny Rengøring")
    real_send = EmailMultiAlternatives.send
    calls = []

    def crash_on_second(message, *args, **kwargs):
        calls.append(message.to)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        return real_send(message, *args, **kwargs)

    with (
        mock.patch.object(EmailMultiAlternatives, "send", crash_on_second),
        pytest.raises(RuntimeError),
    ):
        send_all()
    assert len(mail.outbox) == 1
    assert send_all() == 2
    assert send_all() == 0
    assert sorted(m.to[0] for m in mail.outbox) == [s.email for s in searches]


def test_unsubscribe_without_login_get_asks_post_and_one_click_delete(pages, mailoutbox):
    search = saved()
    cleaner("Ny Rengøring")
    send_all()
    url = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and "ida@example.org" in page.content.decode()
    assert SavedSearch.objects.filter(pk=search.pk).exists()  # a GET changes nothing
    response = client.post(path, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert response.status_code == 200 and "Du er afmeldt" in response.content.decode()
    assert not SavedSearch.objects.filter(pk=search.pk).exists()
    assert client.post(path).status_code == 200  # a second click is no error
    cleaner("Endnu En Rengøring")
    assert send_all() == 0
    assert client.post(path[:-5] + "xx/").status_code == 400


def test_the_signed_list_page_lists_the_address_and_deletes_by_post(client, pages):
    mine = saved(query=f"cpv={CLEANING}")
    unconfirmed = SavedSearch.objects.create(
        email="ida@example.org", kind="tender_plan", query="q=skoler", language="da"
    )
    other = saved(email="bo@example.org")
    url = f"/gemte-soegninger/mine/{list_token('ida@example.org')}/"
    page = client.get(url).content.decode()
    assert "Mine gemte søgninger" in page
    assert "ida@example.org" in page and "bo@example.org" not in page
    assert "Rengøring af bygninger" in page and "Søgning: “skoler”" in page
    assert "ikke bekræftet endnu" in page
    response = client.post(url, {"search": other.pk})  # another address's search
    assert response.status_code == 302 and SavedSearch.objects.filter(pk=other.pk).exists()
    client.post(url, {"search": mine.pk})
    assert list(SavedSearch.objects.filter(email="ida@example.org")) == [unconfirmed]
    assert "Den gemte søgning er slettet" in client.get(url).content.decode()
    assert client.get("/gemte-soegninger/mine/forkert/").status_code == 400
    assert (
        client.get(f"/gemte-soegninger/bekraeft/{list_token('x@example.org')}/").status_code == 400
    )


def test_bad_input_is_explained_in_danish_and_kept(client, pages, mailoutbox):
    response = save(client, email="ikke-en-adresse")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv en gyldig e-mailadresse" in page and 'value="ikke-en-adresse"' in page
    assert f'value="cpv={CLEANING}"' in page
    assert save(client, kind="hacker").status_code == 400
    assert "Vi kunne ikke læse søgningen" in save(client, kind="hacker").content.decode()
    assert save(client, website="http://spam.example").status_code == 400  # the honeypot
    assert SavedSearch.objects.count() == 0 and mailoutbox == []


def test_at_most_twenty_searches_per_address(client, pages, settings):
    for n in range(saved_searches.MAX_PER_ADDRESS):
        SavedSearch.objects.create(
            email="ida@example.org", kind="directory", query=f"q=ord{n}", language="da"
        )
    response = save(client)
    assert (
        response.status_code == 400 and "allerede 20 gemte søgninger" in response.content.decode()
    )
    assert SavedSearch.objects.count() == saved_searches.MAX_PER_ADDRESS


def test_saving_again_sends_the_link_again_and_keeps_one_search(client, pages, mailoutbox):
    save(client)
    save(client)
    assert SavedSearch.objects.count() == 1 and len(mailoutbox) == 2


def test_saving_is_rate_limited_and_keeps_what_was_typed(client, pages, mailoutbox):
    assert save(client, email="").status_code == 400  # a failed form is not an attempt
    responses = [save(client) for _ in range(4)]
    assert [response.status_code for response in responses] == [302, 302, 302, 429]
    html = responses[-1].content.decode()
    assert "Du har prøvet for mange gange på kort tid." in html
    assert 'value="ida@example.org"' in html
    assert len(mailoutbox) == 3


def test_an_expired_or_forged_confirmation_link_is_refused(client, pages):
    search = SavedSearch.objects.create(
        email="ida@example.org", kind="directory", query="", language="da"
    )
    token = confirm_token(search)
    with mock.patch("procurement.saved_searches.CONFIRMATION_MAX_AGE", -1):
        response = client.post(f"/gemte-soegninger/bekraeft/{token}/")
    assert response.status_code == 400 and "ikke gyldigt" in response.content.decode()
    assert SavedSearch.objects.get().confirmed_at is None


def test_english_visitors_get_english_e_mails(client, pages, english_home, mailoutbox):
    response = save(client, url="/en/gemte-soegninger/")
    assert response.url == "/en/gemte-soegninger/sendt/"
    [message] = mailoutbox
    assert message.subject == "Confirm your saved search"
    assert "/en/gemte-soegninger/bekraeft/" in message.body
    client.post(link(message, "/en/gemte-soegninger/bekraeft/"))
    cleaner("Clean Now")
    send_all()
    assert mailoutbox[-1].subject == "A new result for your saved search"
    assert "Your saved searches:" in mailoutbox[-1].body


def test_saved_searches_are_in_the_data_export_and_go_with_the_account(client, pages):
    saved(email="ida@example.org")
    _profile, user = make_supplier("Ida ApS", "ida@example.org")
    client.force_login(user)
    exported = client.get("/admin/konti/mine-data/eksport.json").json()
    assert exported["tender_plan"]["saved_searches"][0]["search"] == f"cpv={CLEANING}"
    from procurement.services import delete_personal_data

    delete_personal_data(user)
    assert not SavedSearch.objects.exists()


def test_the_standalone_form_survives_hostile_queries(client, pages):
    for query in ["query=%25%25", "kind=directory&query=cpv%3D" + "9" * 300, "kind=tender_plan"]:
        assert client.get(f"/gemte-soegninger/?{query}").status_code == 200


def test_nul_bytes_never_reach_a_stored_search(client, pages, mailoutbox):
    save(client, query="q=reng%00%C3%B8ring&cpv=%00")
    assert SavedSearch.objects.get().query == "q=reng%C3%B8ring"
    assert save(client, query="q=\x00").status_code == 400  # Django refuses NUL in a field


def test_unconfirmed_searches_are_forgotten_after_three_days(pages):
    old = SavedSearch.objects.create(email="a@example.org", kind="directory", language="da")
    SavedSearch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=4))
    fresh = SavedSearch.objects.create(email="b@example.org", kind="directory", language="da")
    send_all()
    assert list(SavedSearch.objects.all()) == [fresh]
