"""What a registrant sees through the signed link, and how registrations are anonymised after
the event (``manage.py anonymise_registrations``, REGISTRATION_RETENTION_DAYS)."""

import io
from datetime import timedelta

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale, ModelLogEntry

from cms.demo.loader import load
from cms.models import StandardPage
from events.models import Registration
from events.tasks import cancel_token

from .factories import RegistrationFactory, make_event

pytestmark = pytest.mark.django_db

PERSONAL = {
    "name": "Mette Hansen",
    "email": "mette@example.dk",
    "organisation": "Aarhus Kommune",
    "role": Registration.Role.BUYER,
    "accessibility_needs": "Trinfri adgang og teleslynge",
    "dietary_needs": "Glutenfri",
}


def signed_link(registration):
    return f"{registration.event.url}afmeld/{cancel_token(registration)}/"


def ended_days_ago(event_index, days, **fields):
    start = timezone.now() - timedelta(days=days, hours=3)
    return make_event(event_index, start=start, **fields)


def run_command():
    out = io.StringIO()
    call_command("anonymise_registrations", stdout=out)
    return out.getvalue()


def log_deletion(registration):
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
        label=str(registration),
        action="wagtail.delete",
        timestamp=timezone.now(),
    )


def test_the_signed_link_shows_the_registrant_what_is_stored(client, event):
    registration = RegistrationFactory(event=event, **PERSONAL)
    response = client.get(signed_link(registration))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for value in (
        "Mette Hansen",
        "mette@example.dk",
        "Aarhus Kommune",
        "Offentlig indkøber",
        "Trinfri adgang og teleslynge",
        "Glutenfri",
        "Bekræftet",
    ):
        assert value in page
    assert "90 dage efter arrangementet" in page
    assert "Vil du afmelde" in page


def test_the_signed_link_cancels_and_still_shows_the_registration(client, event):
    registration = RegistrationFactory(event=event, **PERSONAL)
    response = client.post(signed_link(registration))
    page = response.content.decode()
    assert "er afmeldt" in page
    assert "Afmeldt" in page and "Trinfri adgang og teleslynge" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert "Vil du afmelde" not in client.get(signed_link(registration)).content.decode()


def test_the_command_anonymises_only_events_that_ended_more_than_n_days_ago(event_index, settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    old = ended_days_ago(event_index, 91, title="Gammelt arrangement")
    recent = ended_days_ago(event_index, 89, title="Nyligt arrangement")
    upcoming = make_event(event_index, title="Kommende arrangement")
    kept = [
        RegistrationFactory(event=recent, **PERSONAL),
        RegistrationFactory(event=upcoming, **PERSONAL),
    ]
    due = [
        RegistrationFactory(event=old, **PERSONAL),
        RegistrationFactory(event=old, **{**PERSONAL, "email": "mette@aarhus.dk", "role": "other"}),
        RegistrationFactory(event=old, **{**PERSONAL, "status": "cancelled"}),
    ]
    old_log = log_deletion(due[0])
    kept_log = log_deletion(kept[0])
    deleted = RegistrationFactory(event=recent, name="Slettet Person", email="slet@example.dk")
    deleted_log = log_deletion(deleted)
    ModelLogEntry.objects.filter(pk=deleted_log.pk).update(
        timestamp=timezone.now() - timedelta(days=91)
    )
    deleted.delete()

    assert "3" in run_command()

    for registration in due:
        registration.refresh_from_db()
        assert registration.anonymised_at is not None
        assert registration.email == ""
        assert registration.organisation == ""
        assert registration.accessibility_needs == registration.dietary_needs == ""
        assert "Mette" not in registration.name
        assert "Mette" not in str(registration)
    assert sorted(old.registrations.values_list("status", "role")) == [
        ("cancelled", "buyer"),
        ("confirmed", "buyer"),
        ("confirmed", "other"),
    ]
    for registration in kept:
        registration.refresh_from_db()
        assert (registration.name, registration.anonymised_at) == ("Mette Hansen", None)
    old_log.refresh_from_db()
    kept_log.refresh_from_db()
    deleted_log.refresh_from_db()
    assert "Mette" not in old_log.label and "mette@" not in old_log.label
    assert "Slettet" not in deleted_log.label
    assert kept_log.label == "Mette Hansen <mette@example.dk>"

    assert "0" in run_command()


def test_the_retention_period_is_a_setting(event_index, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    registration = RegistrationFactory(event=ended_days_ago(event_index, 31), **PERSONAL)
    run_command()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def test_after_anonymisation_the_signed_link_reveals_nothing(client, event_index, settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    registration = RegistrationFactory(event=ended_days_ago(event_index, 91), **PERSONAL)
    link = signed_link(registration)
    assert "Mette Hansen" in client.get(link).content.decode()
    run_command()

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        page = response.content.decode()
        assert "slettet" in page
        for field in ("name", "email", "organisation", "accessibility_needs", "dietary_needs"):
            assert PERSONAL[field] not in page


def test_the_demo_privacy_page_says_how_long_registrations_are_kept(
    client, django_capture_on_commit_callbacks
):
    # The privacy page is one of the editorial demo pages (cms.demo): `load_demo_data` builds
    # them first, then 200 profiles, tenders and events that this page does not show.
    # wagtail-localize publishes translations on commit; the test's transaction never commits.
    with django_capture_on_commit_callbacks(execute=True):
        load(io.StringIO())
    danish = StandardPage.objects.get(slug="privatlivspolitik", locale__language_code="da")
    english = danish.get_translation(Locale.objects.get(language_code="en"))
    page = client.get(danish.url).content.decode()
    assert "90 dage efter arrangementet sletter vi navn" in page
    assert "viser, hvad vi har gemt om dig" in page
    assert english.live
    body = str(english.specific.body)
    assert "90 days after the event we delete the name" in body
    assert "shows what we store about you" in body
