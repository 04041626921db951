from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Tender plan")

    def ready(self):
        from wagtail.signals import published

        from cms.site_cache import watch

        from .models import BuyerOrganisation, TenderPlanEntry

        published.connect(alert_after_publish, sender=TenderPlanEntry)
        watch(TenderPlanEntry, BuyerOrganisation)  # a new site version: ``bitmaps`` are built again


def alert_after_publish(sender, instance, **kwargs):
    """A published entry (or a moved deadline) is queued for the matching SØVs after commit."""
    from django.db import transaction

    from .tasks import alert_matching_suppliers

    transaction.on_commit(lambda: alert_matching_suppliers.enqueue(instance.pk))
