"""Dashboard panels: open tenders matching a social enterprise, ranked, and a buyer's interests."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from directory.models import SupplierProfile

from .matching import entries_for_profiles
from .models import OPEN_STATUSES, InterestExpression, TenderPlanEntry

LIMIT = 10


def matching_entries(profiles, limit=LIMIT):
    """Live, open entries ranked by how well they match the live profiles, with the reasons."""
    deadline_open = Q(interest_deadline__isnull=True) | Q(
        interest_deadline__gte=timezone.localdate()
    )
    open_ids = TenderPlanEntry.objects.filter(live=True, status__in=OPEN_STATUSES).filter(
        deadline_open
    )
    found = entries_for_profiles(
        [p.pk for p in profiles if p.live],
        entry_ids=list(open_ids.values_list("pk", flat=True)),
        limit=limit,
    )
    entries = TenderPlanEntry.objects.select_related("organisation").in_bulk(
        [m.entry_id for m in found]
    )
    return [(entries[m.entry_id], m.reason_text) for m in found if m.entry_id in entries]


class SupplierTendersPanel(Component):
    name = "supplier_tenders"
    order = 20
    template_name = "procurement/admin/supplier_tenders_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        profiles = list(SupplierProfile.objects.filter(owners=self.user))
        interests = (
            InterestExpression.objects.active()
            .filter(supplier__in=profiles)
            .select_related("entry", "supplier")
            .order_by("-created_at")[:LIMIT]
        )
        return {"entries": matching_entries(profiles), "interests": interests}


class BuyerInterestsPanel(Component):
    name = "buyer_interests"
    order = 20
    template_name = "procurement/admin/buyer_interests_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        interests = (
            InterestExpression.objects.active()
            .filter(entry__organisation__members=self.user)
            .select_related("entry", "supplier")
            .order_by("-created_at")[:LIMIT]
        )
        return {"interests": interests, "title": _("New interest in your tender plan")}
