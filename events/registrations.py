"""Taking, cancelling and promoting registrations under a row lock on the event, and
anonymising them once the event is long over."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry

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
    """Cancel a registration, confirmed by e-mail; a freed seat goes to the first people on the
    waiting list."""
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
        _notify(registration, "cancelled", base_url)
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


def anonymisation_cutoff():
    """Registrations of events that ended before this moment are anonymised."""
    return timezone.now() - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)


def anonymise_registrations(cutoff):
    """Remove the personal data of registrations for events that ended before ``cutoff``; each
    row keeps its event, role, status and dates, so the counts per event stay. Log entries that
    name such a registration, or one deleted before ``cutoff``, lose the name too. Returns how
    many registrations it anonymised; running it again changes nothing."""
    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Anonymised registration")
    with transaction.atomic():
        anonymised = Registration.objects.filter(
            event__end__lt=cutoff, anonymised_at__isnull=True
        ).update(
            name=label,
            email="",
            organisation="",
            accessibility_needs="",
            dietary_needs="",
            anonymised_at=timezone.now(),
        )
        keys = Registration.objects.annotate(key=Cast("pk", CharField())).values("key")
        ModelLogEntry.objects.filter(
            Q(object_id__in=keys.filter(anonymised_at__isnull=False))
            | Q(timestamp__lt=cutoff) & ~Q(object_id__in=keys),
            content_type=ContentType.objects.get_for_model(Registration),
        ).exclude(label=label).update(label=label, data={})
    return anonymised


def _notify(registration, kind, base_url):
    transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk, kind, base_url))
