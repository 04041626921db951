"""Background tasks: e-mails to registrants, so no request waits on the mail server."""

from django.conf import settings
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.emails import send_templated
from cms.tasks import retried_task

from .calendar import calendar_bytes

CANCEL_SALT = "events.registration.cancel"


def _signature(registration_id):
    return salted_hmac(CANCEL_SALT, str(registration_id), algorithm="sha256").hexdigest()[:40]


def cancel_token(registration):
    """``<id>-<HMAC>``: only letters, digits and a dash, so it fits in a page URL."""
    return f"{registration.pk}-{_signature(registration.pk)}"


def registration_from_token(token):
    """The registration id in a cancel token, or None if the token was tampered with."""
    registration_id, _dash, signature = token.partition("-")
    if not registration_id.isdigit() or not constant_time_compare(
        signature, _signature(int(registration_id))
    ):
        return None
    return int(registration_id)


@retried_task()
def send_registration_email(registration_id, kind, base_url):
    """Confirmation, waiting-list, moved-up or cancellation e-mail; a seat comes with an .ics
    file."""
    from .models import EventPage, Registration

    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    cancelled = registration is not None and registration.status == Registration.Status.CANCELLED
    if registration is None or cancelled != (kind == "cancelled"):
        return
    event = (
        EventPage.objects.live()
        .filter(
            translation_key=registration.event.translation_key,
            locale__language_code=registration.language,
        )
        .first()
        or registration.event
    )
    base_url = base_url.rstrip("/")
    with translation.override(registration.language):
        event_url = base_url + event.get_url_parts()[2]
        context = {
            "registration": registration,
            "event": event,
            "event_url": event_url,
            "cancel_url": event_url
            + event.reverse_subpage("cancel_registration", args=[cancel_token(registration)]),
            "kind": kind,
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
            "confirmed": registration.status == Registration.Status.CONFIRMED,
        }
        template = f"events/emails/{'cancelled' if kind == 'cancelled' else 'registration'}"
        attachments = []
        if context["confirmed"]:
            calendar = calendar_bytes([(event, event_url)], event.title).decode()
            attachments.append(("invitation.ics", calendar, "text/calendar"))
    send_templated(
        template,
        context,
        [registration.email],
        language=registration.language,
        attachments=attachments,
    )
