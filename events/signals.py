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
        refill(instance.canonical(), settings.WAGTAILADMIN_BASE_URL)
