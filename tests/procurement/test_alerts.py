"""Alerts to SØV users about matching entries: each frequency, once only, unsubscribe, languages."""

import datetime
from unittest import mock

import pytest

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import Client

from wagtail.users.models import UserProfile

from directory.models import CpvCode
from procurement.alerts import send_digests, unsubscribe_token
from procurement.models import AlertSetting
from tests.conftest import requires_postgres

from .factories import make_entry, make_supplier

pytestmark = [pytest.mark.django_db, requires_postgres]


@pytest.fixture
def soev(db):
    """make_soev(name, frequency=None): a live, nationwide cleaning SØV and its user."""

    def make_soev(name, frequency=None, live=True):
        slug = name.lower().replace(" ", "-")
        profile, user = make_supplier(name, f"{slug}@soev.example", live=live)
        profile.cpv_codes.set(CpvCode.objects.filter(code="90911200"))
        profile.delivery_scope = "national"
        profile.save()
        if frequency:
            AlertSetting.objects.create(user=user, frequency=frequency)
        return profile, user

    return make_soev


@pytest.fixture
def publish(django_capture_on_commit_callbacks, aarhus, tender_page):
    """Publish a new cleaning entry (or a new revision of one) and run what publishing queued."""

    def publish(entry=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            if entry is None:
                return make_entry(aarhus, **fields)
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.save_revision().publish()
            return entry

    return publish


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_immediately_one_mail_with_text_html_link_reasons_and_unsubscribe_headers(soev, publish):
    _profile, user = soev("Rent Nu", AlertSetting.Frequency.IMMEDIATELY)
    entry = publish(title="Rengøring af skoler")
    [message] = sent_to(user)
    assert message.subject == "Et nyt indkøb passer til jeres profil"
    link = f"/udbudsplan/{entry.pk}/{entry.slug}/"
    assert link in message.body
    assert "CPV 90911200 Rengøring af bygninger" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"{link}</a>" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body and unsubscribe in html
    assert (
        user.email in Client().get(unsubscribe.removeprefix("http://testserver")).content.decode()
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    publish(entry, summary="Nu også vinduer.")  # republished, same deadline
    assert len(sent_to(user)) == 1
    publish(entry, interest_deadline=entry.interest_deadline + datetime.timedelta(days=7))
    assert len(sent_to(user)) == 2  # the deadline moved


def test_daily_weekly_and_off_each_as_chosen(soev, publish):
    _p1, daily = soev("Daglig Rent", AlertSetting.Frequency.DAILY)
    _p2, weekly = soev("Ugentlig Rent")  # the default
    _p3, off = soev("Stille Rent", AlertSetting.Frequency.OFF)
    first = publish(title="Rengøring af skoler")
    second = publish(title="Rengøring af rådhuset")
    assert mail.outbox == []
    assert send_digests(AlertSetting.Frequency.DAILY) == 1
    [digest] = sent_to(daily)
    assert digest.subject == "2 nye indkøb passer til jeres profil"
    assert first.title in digest.body and second.title in digest.body
    call_command("send_tender_alerts", "weekly", stdout=mock.Mock())
    assert len(sent_to(weekly)) == 1
    assert send_digests(AlertSetting.Frequency.DAILY) == 0
    assert send_digests(AlertSetting.Frequency.WEEKLY) == 0
    assert sent_to(off) == []


def test_a_digest_that_dies_halfway_never_sends_an_entry_twice(soev, publish):
    users = [soev(f"Rent {n}", AlertSetting.Frequency.DAILY)[1] for n in range(3)]
    publish(title="Rengøring af skoler")
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
        send_digests(AlertSetting.Frequency.DAILY)
    assert len(mail.outbox) == 1
    assert send_digests(AlertSetting.Frequency.DAILY) == 2
    assert send_digests(AlertSetting.Frequency.DAILY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_unsubscribe_without_login_including_one_click(soev, publish):
    _profile, user = soev("Rent Nu", AlertSetting.Frequency.IMMEDIATELY)
    url = f"/udbudsvarsler/afmeld/{unsubscribe_token(user)}/"
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and user.email in page.content.decode()
    assert AlertSetting.objects.get(user=user).frequency == "immediately"  # a GET changes nothing
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    assert AlertSetting.objects.get(user=user).frequency == "off"
    publish(title="Rengøring af skoler")
    assert sent_to(user) == []
    assert client.post(url[:-5] + "xx/").status_code == 400


def test_unpublished_profiles_get_nothing(soev, publish):
    _draft, draft_user = soev("Kladde Rent", AlertSetting.Frequency.IMMEDIATELY, live=False)
    later, later_user = soev("Senere Offline", AlertSetting.Frequency.DAILY)
    publish(title="Rengøring af skoler")
    later.live = False
    later.save()
    assert send_digests(AlertSetting.Frequency.DAILY) == 0
    assert sent_to(draft_user) == [] and sent_to(later_user) == []


def test_an_english_user_gets_the_mail_in_english(soev, publish):
    _profile, user = soev("Clean Now", AlertSetting.Frequency.IMMEDIATELY)
    settings = UserProfile.get_for_user(user)
    settings.preferred_language = "en"
    settings.save()
    publish(title="Rengøring af skoler")
    [message] = sent_to(user)
    assert message.subject == "A new purchase matches your profile"
    assert "CPV 90911200 Building-cleaning services" in message.body


def test_a_soev_user_chooses_the_frequency_in_the_admin(client, soev, buyer_a):
    _profile, user = soev("Rent Nu")
    client.force_login(user)
    assert "Ugentlig oversigt" in client.get("/admin/udbudsplan/varsler/").content.decode()
    client.post("/admin/udbudsplan/varsler/", {"frequency": "daily"})
    assert AlertSetting.objects.get(user=user).frequency == "daily"
    exported = client.get("/admin/konti/mine-data/eksport.json").json()
    assert exported["tender_plan"]["tender_alerts"] == "daily"
    response = client.post("/admin/udbudsplan/varsler/", {"frequency": "hourly"})
    assert response.status_code == 400
    assert AlertSetting.objects.get(user=user).frequency == "daily"
    client.force_login(buyer_a)
    assert client.get("/admin/udbudsplan/varsler/").status_code == 404
