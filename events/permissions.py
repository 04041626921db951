"""Limits partner users to the events and registrations of their own organisation."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.groups import PARTNERS as PARTNER_GROUP


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
    """A partner user may only edit, delete, copy or move events their organisation holds."""

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


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for partner users to registrations for their own events.

    Registrations are only ever added or changed through the public form and the cancel
    link, which keep capacity and the waiting list right, so nobody adds or edits them here.
    """

    read_only = {"add", "change"}

    def user_has_permission(self, user, action):
        return action not in self.read_only and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        actions = set(actions) - self.read_only
        return bool(actions) and super().user_has_any_permission(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        scope = partner_scope(user)
        return scope is None or instance.event.organiser_id in scope

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        scope = partner_scope(user)
        if scope is None:
            return queryset
        return queryset.filter(event__organiser_id__in=scope)
