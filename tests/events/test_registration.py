"""Registration: seats, waiting list, duplicates, closing, e-mails and the cancel link."""

import contextlib
import re
import threading
from datetime import timedelta

import icalendar
import pytest

from django.core import mail
from django.db import connection
from django.utils import timezone

from events import registrations
from events.models import EventPage, Registration
from events.tasks import cancel_token
from tests.conftest import requires_postgres

from .factories import RegistrationFactory, make_event

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Mette Hansen",
    "email": "Mette@Example.dk",
    "organisation": "Aarhus Kommune",
    "role": "buyer",
    "accessibility_needs": "Trinfri adgang",
    "dietary_needs": "",
    "consent": "on",
}


def register(client, event, capture, **changes):
    with capture(execute=True):
        return client.post(event.url, {**FORM, **changes})


def cancel_url(registration):
    return f"{registration.event.url}afmeld/{cancel_token(registration)}/"


def test_a_seat_is_confirmed_by_e_mail_with_a_calendar_file(
    client, event, django_capture_on_commit_callbacks
):
    response = register(client, event, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "mette@example.dk"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mette@example.dk"]
    assert message.subject == f"Tilmelding bekræftet: {event.title}"
    assert cancel_url(registration) in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("invitation.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    page = client.get(response.url).content.decode()
    assert "Du er tilmeldt" in page


def test_when_the_event_is_full_people_join_the_waiting_list(
    client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, event=event)
    response = register(client, event, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Registration.objects.get(email="mette@example.dk").status == "waiting"
    message = mail.outbox[-1]
    assert message.subject.startswith("Venteliste:")
    assert message.attachments == []
    assert "venteliste" in client.get(event.url).content.decode()


def test_the_same_e_mail_cannot_register_twice(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks)
    response = register(client, event, django_capture_on_commit_callbacks, email="METTE@example.dk")

    assert response.status_code == 200
    assert "allerede tilmeldt" in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_service_refuses_a_duplicate_even_past_the_form(event):
    data = {k: v for k, v in FORM.items() if k != "consent"} | {"email": "a@example.dk"}
    registrations.register(event, data, "da", "http://testserver/")
    with pytest.raises(registrations.AlreadyRegistered):
        registrations.register(event, data, "da", "http://testserver/")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Du skal give samtykke"),
        ({"email": "ikke-en-adresse"}, "Skriv en gyldig e-mailadresse"),
        ({"name": ""}, "Skriv dit navn"),
        ({"role": "boss"}, "Vælg din rolle"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(
    client, event, django_capture_on_commit_callbacks, changes, message
):
    response = register(client, event, django_capture_on_commit_callbacks, **changes)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Aarhus Kommune" in html
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_deadline_offset": -1},
        {"start_offset": -1},
    ],
    ids=["deadline passed", "event started"],
)
def test_registration_closes_at_the_deadline_or_the_start(
    client, event_index, django_capture_on_commit_callbacks, fields
):
    now = timezone.now()
    if "start_offset" in fields:
        event = make_event(event_index, start=now + timedelta(hours=fields["start_offset"]))
    else:
        event = make_event(
            event_index,
            start=now + timedelta(days=3),
            registration_deadline=now + timedelta(hours=fields["registration_deadline_offset"]),
        )
    assert 'name="consent"' not in client.get(event.url).content.decode()
    register(client, event, django_capture_on_commit_callbacks)
    assert Registration.objects.count() == 0


def test_registration_closed_raises_in_the_service(event_index):
    event = make_event(event_index, start=timezone.now() - timedelta(minutes=1))
    with pytest.raises(registrations.RegistrationClosed):
        registrations.register(event, {"email": "x@example.dk"}, "da", "http://testserver/")


def test_cancelling_moves_the_first_on_the_waiting_list_up(
    client, event, django_capture_on_commit_callbacks
):
    first = RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    waiting_first = RegistrationFactory(event=event, status="waiting", email="a@example.dk")
    waiting_second = RegistrationFactory(event=event, status="waiting", email="b@example.dk")

    confirm = client.get(cancel_url(first))
    assert confirm.status_code == 200
    assert "Vil du afmelde" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(cancel_url(first))

    assert "er afmeldt" in done.content.decode()
    first.refresh_from_db()
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert first.status == "cancelled"
    assert waiting_first.status == "confirmed"
    assert waiting_second.status == "waiting"
    cancelled, promoted = mail.outbox
    assert cancelled.to == [first.email]
    assert cancelled.subject == f"Afmelding bekræftet: {event.title}"
    assert "er afmeldt" in cancelled.body and event.full_url in cancelled.body
    assert cancelled.attachments == [] and "afmeld/" not in cancelled.body
    assert promoted.to == ["a@example.dk"]
    assert promoted.subject.startswith("Du har fået en plads")
    assert promoted.attachments[0][0] == "invitation.ics"


def test_a_cancellation_is_confirmed_in_the_registrant_s_language(
    client, event, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(registration))
        client.post(cancel_url(registration))  # a second click sends nothing more
    (message,) = mail.outbox
    assert message.subject == f"Registration cancelled: {event.title}"
    assert "is cancelled" in message.body


def test_a_cancelled_e_mail_may_register_again(client, event, django_capture_on_commit_callbacks):
    RegistrationFactory(event=event, email="mette@example.dk", status="cancelled")
    register(client, event, django_capture_on_commit_callbacks)
    assert event.registrations.filter(email="mette@example.dk").count() == 2


def test_raising_the_capacity_moves_the_waiting_list_up(event, django_capture_on_commit_callbacks):
    RegistrationFactory.create_batch(2, event=event)
    waiting = RegistrationFactory(event=event, status="waiting")
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.email]]


@pytest.mark.parametrize("token", ["garbage", "1-0123456789abcdef", "x-1"])
def test_a_tampered_cancel_link_is_refused(client, event, token):
    registration = RegistrationFactory(event=event)
    response = client.post(f"{event.url}afmeld/{token}/")
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_cancel_link_only_works_on_its_own_event(client, event, event_index):
    other = make_event(event_index, title="Andet arrangement")
    registration = RegistrationFactory(event=event)
    response = client.post(f"{other.url}afmeld/{cancel_token(registration)}/")
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_after_the_start_is_refused(client, event):
    registration = RegistrationFactory(event=event)
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(hours=1), end=timezone.now() + timedelta(hours=1)
    )
    response = client.post(cancel_url(registration))
    assert "kan ikke længere afmeldes" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_registering_on_the_english_page_fills_the_danish_event_and_writes_english(
    client, event, english_index, django_capture_on_commit_callbacks
):
    english = event.copy_for_translation(english_index.locale)
    english.title = "Workshop on reserved contracts"
    english.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english.url, {**FORM, "email": "anna@example.dk"})

    assert response.status_code == 302
    registration = Registration.objects.get(email="anna@example.dk")
    assert registration.event_id == event.pk
    assert registration.language == "en"
    message = mail.outbox[0]
    assert message.subject == "Registration confirmed: Workshop on reserved contracts"
    assert "/en/arrangementer/" in message.body


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_racing_for_the_last_seat_never_both_get_it(event_index, monkeypatch):
    event = make_event(event_index, capacity=1)
    counted = threading.Barrier(2, timeout=5)
    original = EventPage.seats_taken

    def slow_seats_taken(self):
        taken = original(self)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=1)
        return taken

    monkeypatch.setattr(EventPage, "seats_taken", slow_seats_taken)
    start = threading.Barrier(2)
    results = []

    def attempt(email):
        try:
            start.wait()
            data = {"name": email, "email": email, "role": "other", "consent": True}
            results.append(registrations.register(event, data, "da", "http://testserver/").status)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(f"{n}@example.dk",)) for n in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["confirmed", "waiting"]
    assert event.registrations.filter(status="confirmed").count() == 1


def test_cancel_token_is_not_guessable_from_the_id(event):
    registration = RegistrationFactory(event=event)
    token = cancel_token(registration)
    assert re.fullmatch(r"[\w\-:]+", token)
    assert token != str(registration.pk)
