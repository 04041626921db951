"""Who may act on which supplier profile and contact message: editors on all, social
enterprises on their own."""

from django.db.models import Q

from accounts.permissions import OwnedObjectPermissionPolicy

from .models import ContactMessage, SupplierProfile

profile_policy = OwnedObjectPermissionPolicy(SupplierProfile, owned_by=lambda user: Q(owners=user))


class ReadOnlyPolicy(OwnedObjectPermissionPolicy):
    """Rows the platform writes and no one edits: an owner views them, an editor may delete."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)


message_policy = ReadOnlyPolicy(ContactMessage, owned_by=lambda user: Q(profile__owners=user))
