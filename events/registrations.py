"""Taking, cancelling and promoting registrations under a row lock on the event."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import EventPage, Registration
from .tasks import send_registration_email


class RegistrationClosed(Exception):
    """Registration for the event has closed (deadline passed or event started)."""


class AlreadyRegistered(Exception):
    """The e-mail address already holds a seat or a waiting-list place."""


class CancellationClosed(Exception):
    """The event has started, so the registration can no longer be cancelled."""


def _lock(event_id):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def register(event, data, language, base_url):
    """Give the person a seat if one is free, otherwise a place on the waiting list."""
    with transaction.atomic():
        event = _lock(event.pk)
        if not event.registration_open():
            raise RegistrationClosed
        active = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if active.filter(email=data["email"]).exists():
            raise AlreadyRegistered
        full = event.capacity is not None and event.seats_taken() >= event.capacity
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
                    language=language,
                    **data,
                )
        except IntegrityError as error:
            raise AlreadyRegistered from error
        _notify(registration, "registered", base_url)
    return registration


def cancel(registration, base_url):
    """Cancel a registration; a freed seat goes to the first people on the waiting list."""
    with transaction.atomic():
        event = _lock(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if event.start <= timezone.now():
            raise CancellationClosed
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        fill_free_seats(event, base_url)
    return registration


def fill_free_seats(event, base_url):
    """Move waiting registrations up while seats are free; the caller holds the event lock."""
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "created_at", "id"
    )
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - event.seats_taken(), 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        _notify(registration, "promoted", base_url)
    return promoted


def refill(event, base_url):
    """Fill seats after the organiser raised the capacity."""
    if event.start <= timezone.now():
        return []
    with transaction.atomic():
        return fill_free_seats(_lock(event.pk), base_url)


def _notify(registration, kind, base_url):
    transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk, kind, base_url))
