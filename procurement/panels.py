"""Dashboard panels: open tenders matching a social enterprise, and interests for a buyer."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from directory import cpv
from directory.models import SupplierProfile

from .models import OPEN_STATUSES, InterestExpression, TenderPlanEntry

LIMIT = 10


def matching_entries(profiles):
    """Live, open entries in the same CPV groups as the profiles' competences (3-digit groups)."""
    groups = {
        cpv.group_of(code) for p in profiles for code in p.cpv_codes.values_list("code", flat=True)
    }
    if not groups:
        return TenderPlanEntry.objects.none()
    deadline_open = Q(interest_deadline__isnull=True) | Q(
        interest_deadline__gte=timezone.localdate()
    )
    return (
        TenderPlanEntry.objects.filter(live=True, status__in=OPEN_STATUSES)
        .filter(deadline_open)
        .filter(pk__in=TenderPlanEntry.objects.filter(cpv.descendants_q(groups)).values("pk"))
        .select_related("organisation")
        .order_by("expected_publication", "pk")
    )


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
        return {"entries": matching_entries(profiles)[:LIMIT], "interests": interests}


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
