"""Signal receivers connected in EventsConfig.ready()."""

from django.conf import settings


def set_up_partner_access(sender, **kwargs):
    from django.contrib.auth.management import create_permissions

    from .access import ensure_partner_access

    create_permissions(sender, verbosity=0)
    ensure_partner_access()


def fill_seats_after_publish(sender, instance, **kwargs):
    """A published capacity increase moves the waiting list up straight away."""
    from .registrations import refill

    if instance.registration_mode == instance.RegistrationMode.INTERNAL:
        refill(instance.canonical(), settings.PUBLIC_BASE_URL)


def fill_seat_after_delete(sender, instance, **kwargs):
    """An editor deleting a confirmed registration frees its seat for the waiting list."""
    from .models import EventPage, Registration
    from .registrations import refill

    if instance.status != Registration.Status.CONFIRMED:
        return
    event = EventPage.objects.filter(pk=instance.event_id).first()
    if event is not None:
        refill(event, settings.PUBLIC_BASE_URL)
