"""Who may act on which tender plan rows: buyers on their organisations', SØVs on their own."""

from django.db.models import Q

from accounts.permissions import OwnedObjectPermissionPolicy

from .models import InterestExpression, TenderPlanEntry

entry_policy = OwnedObjectPermissionPolicy(
    TenderPlanEntry,
    owned_by=lambda user: Q(organisation__members=user),
    editor_only_actions={"delete", "lock", "unlock"},
)
interest_policy = OwnedObjectPermissionPolicy(
    InterestExpression,
    owned_by=lambda user: Q(entry__organisation__members=user) | Q(supplier__owners=user),
    editor_only_actions={"add", "change", "delete", "publish", "unpublish", "lock", "unlock"},
)
