"""Tombstones follow publishing: unpublish or delete records one, publish clears it."""

from django.db.models.signals import post_delete
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished, published, unpublished

from directory.models import SupplierProfile
from events.models import EventPage
from procurement.models import TenderPlanEntry

from .models import Tombstone

KINDS = {
    SupplierProfile: Tombstone.Kind.SUPPLIER,
    TenderPlanEntry: Tombstone.Kind.TENDER,
    EventPage: Tombstone.Kind.EVENT,
}


def bury(kind, object_id, reason):
    Tombstone.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"reason": reason, "removed_at": timezone.now()},
    )


def on_unpublished(sender, instance, **kwargs):
    bury(KINDS[sender], instance.pk, Tombstone.Reason.UNPUBLISHED)


def on_deleted(sender, instance, **kwargs):
    if instance.live or instance.first_published_at is not None:
        bury(KINDS[sender], instance.pk, Tombstone.Reason.DELETED)


def on_published(sender, instance, **kwargs):
    Tombstone.objects.filter(kind=KINDS[sender], object_id=instance.pk).delete()


def connect():
    for model in (SupplierProfile, TenderPlanEntry):
        unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"api-unpub-{model}")
        published.connect(on_published, sender=model, dispatch_uid=f"api-pub-{model}")
    page_unpublished.connect(on_unpublished, sender=EventPage, dispatch_uid="api-unpub-event")
    page_published.connect(on_published, sender=EventPage, dispatch_uid="api-pub-event")
    for model in KINDS:
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"api-del-{model}")
