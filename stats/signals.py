"""The cached figures are dropped whenever a row they count is saved, published, unpublished or
deleted: at once, and again after the transaction commits (a request that counted in between
would otherwise keep the old numbers)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_unpublished, published, unpublished

from directory.models import SupplierProfile, TargetGroup
from events.models import EventPage, Registration
from procurement.models import BuyerOrganisation, InterestExpression, TenderPlanEntry

from .figures import invalidate

COUNTED_MODELS = (
    SupplierProfile,
    TargetGroup,
    TenderPlanEntry,
    InterestExpression,
    BuyerOrganisation,
    EventPage,
    Registration,
)
COUNTED_RELATIONS = (
    SupplierProfile.cpv_codes.through,
    SupplierProfile.delivery_municipalities.through,
    SupplierProfile.delivery_regions.through,
    SupplierProfile.target_groups.through,
)


def data_changed(sender, **kwargs):
    invalidate()
    transaction.on_commit(invalidate)


def connect():
    for model in COUNTED_MODELS:
        post_save.connect(data_changed, sender=model, dispatch_uid=f"stats-save-{model}")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"stats-delete-{model}")
    for model in (SupplierProfile, TenderPlanEntry):
        published.connect(data_changed, sender=model, dispatch_uid=f"stats-pub-{model}")
        unpublished.connect(data_changed, sender=model, dispatch_uid=f"stats-unpub-{model}")
    page_published.connect(data_changed, sender=EventPage, dispatch_uid="stats-pub-event")
    page_unpublished.connect(data_changed, sender=EventPage, dispatch_uid="stats-unpub-event")
    for through in COUNTED_RELATIONS:
        m2m_changed.connect(data_changed, sender=through, dispatch_uid=f"stats-m2m-{through}")
