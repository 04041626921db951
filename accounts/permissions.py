"""Object-level permissions: suppliers, buyers and partners act only on their own rows.

Wagtail's generic admin views check model permissions only, so every model a restricted user
may touch gets an ``OwnedObjectPermissionPolicy`` (registered with Wagtail's policy registry)
and is served by an ``accounts.viewsets.OwnedSnippetViewSet``.
"""

from django.db.models import Q

from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .groups import EDITORS, is_editor, is_restricted


class OwnedObjectPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for non-editors to the rows ``owned_by(user)`` returns.

    ``owned_by`` maps a user to a Q object selecting the rows that user may act on.
    Publishing is for editors only, so moderation cannot be bypassed.
    """

    editor_only_actions = {"publish", "unpublish", "delete", "lock", "unlock"}

    def __init__(self, model, owned_by, editor_only_actions=None):
        super().__init__(model)
        self.owned_by = owned_by
        if editor_only_actions is not None:
            self.editor_only_actions = set(editor_only_actions)

    def user_has_permission(self, user, action):
        if action in self.editor_only_actions and not is_editor(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def owned(self, user):
        """The rows ``user`` may see at all: every row for editors, their own for others."""
        objects = self.model._default_manager.all()
        if is_editor(user):
            return objects
        if not user.is_authenticated or not user.is_active:
            return objects.none()
        # A pk subquery (not a join) keeps the queryset searchable by Wagtail's search backend.
        return objects.filter(pk__in=objects.filter(self.owned_by(user)).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return is_editor(user) or self.owned(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.owned(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        """Editors only: owners hear about their rows through the platform's own e-mails."""
        users = super().users_with_any_permission(actions)
        return users.filter(Q(is_superuser=True) | Q(groups__name=EDITORS)).distinct()


class OwnMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection ownership policy for images and documents, where a restricted user
    chooses only the files they uploaded themselves, as they edit only those."""

    def _own_only(self, user, actions):
        if "choose" in actions and is_restricted(user):
            return (set(actions) - {"choose"}) | {"change"}
        return actions

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, self._own_only(user, actions), instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, self._own_only(user, actions))


def owned_pages(user):
    """A Q object selecting the pages that are ``user``'s own, drafts included.

    Apps add theirs through the hook ``owned_pages``, which returns a queryset of pages.
    """
    owned = Q(pk__in=[])
    for hook in hooks.get_hooks("owned_pages"):
        owned |= Q(pk__in=hook(user).values("pk"))
    return owned


def visible_pages(user, pages=None):
    """The pages of ``pages`` (all by default) ``user`` may see listed in the admin.

    Editors see every page; everyone else what the public site shows (live pages outside private
    sections) and their own pages.
    """
    pages = Page.objects.all() if pages is None else pages
    if is_editor(user):
        return pages
    return pages.filter((pages.live_q() & ~pages.private_q()) | owned_pages(user))
