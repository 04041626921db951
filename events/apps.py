from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage
        from .signals import fill_seats_after_publish, set_up_partner_access

        post_migrate.connect(set_up_partner_access, sender=self)
        page_published.connect(fill_seats_after_publish, sender=EventPage)
