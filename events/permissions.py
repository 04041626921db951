"""Limits partner users to the events and registrations of their own organisation."""

from django.db.models import Q

from wagtail.models import PagePermissionTester

from accounts.groups import PARTNERS as PARTNER_GROUP
from accounts.permissions import OwnedObjectPermissionPolicy


def partner_scope(user):
    """Ids of the partners a partner user acts for, or None when the user is not limited."""
    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_event_partner_scope"):
        if user.groups.filter(name=PARTNER_GROUP).exists():
            scope = frozenset(user.event_partners.values_list("id", flat=True))
        else:
            scope = None
        user._event_partner_scope = scope
    return user._event_partner_scope


class EventPagePermissionTester(PagePermissionTester):
    """A partner user may only edit, delete or copy events their organisation holds."""

    def _is_own(self):
        scope = partner_scope(self.user)
        return scope is None or self.page.organiser_id in scope

    def can_edit(self):
        return self._is_own() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._is_own() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_lock(self):
        return self._is_own() and super().can_lock()

    def can_copy(self):
        return self._is_own() and super().can_copy()

    def can_move(self):
        # Events only live under the event index, so partners have nowhere to move them.
        return partner_scope(self.user) is None and super().can_move()

    def can_move_to(self, destination):
        return self._is_own() and super().can_move_to(destination)


class EventIndexPermissionTester(PagePermissionTester):
    """Partner users may add events under the index but not change the index itself."""

    def _is_partner(self):
        return partner_scope(self.user) is not None

    def can_edit(self):
        return not self._is_partner() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self._is_partner() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_lock(self):
        return not self._is_partner() and super().can_lock()

    def can_copy(self):
        return not self._is_partner() and super().can_copy()

    def can_move_to(self, destination):
        return not self._is_partner() and super().can_move_to(destination)


class RegistrationPermissionPolicy(OwnedObjectPermissionPolicy):
    """Model permissions, narrowed for non-editors to registrations for their own events.

    Registrations are only ever added or changed through the public form and the cancel
    link, which keep capacity and the waiting list right, so nobody adds or edits them here.
    """

    read_only = {"add", "change"}

    def __init__(self, model):
        super().__init__(model, owned_by=lambda user: Q(event__organiser__members=user))

    def user_has_permission(self, user, action):
        return action not in self.read_only and super().user_has_permission(user, action)
