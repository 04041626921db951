"""Who may act on which supplier profile: editors on all, social enterprises on their own."""

from django.db.models import Q

from accounts.permissions import OwnedObjectPermissionPolicy

from .models import SupplierProfile

profile_policy = OwnedObjectPermissionPolicy(SupplierProfile, owned_by=lambda user: Q(owners=user))
