from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage, Registration
        from .signals import (
            fill_seat_after_delete,
            fill_seats_after_publish,
            set_up_partner_access,
        )

        post_migrate.connect(set_up_partner_access, sender=self)
        page_published.connect(fill_seats_after_publish, sender=EventPage)
        post_delete.connect(fill_seat_after_delete, sender=Registration)
