"""The user groups of the platform and who counts as an editor or a restricted user."""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktører"
SUPPLIERS = "Leverandører"
BUYERS = "Ordregivere"
PARTNERS = "Partnere"

GROUP_LABELS = {
    EDITORS: _("Editors"),
    SUPPLIERS: _("Social enterprises"),
    BUYERS: _("Public buyers"),
    PARTNERS: _("Partners"),
}


def group_names(user):
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def is_editor(user):
    return user.is_active and (user.is_superuser or EDITORS in group_names(user))


RESTRICTED_GROUPS = {SUPPLIERS, BUYERS, PARTNERS}


def is_restricted(user):
    """A supplier, buyer or partner user: sees only their own organisation's data in the admin."""
    return (
        user.is_authenticated
        and not is_editor(user)
        and bool(group_names(user) & RESTRICTED_GROUPS)
    )


EDITOR_APPS = ("cms", "accounts", "directory", "procurement", "events", "wagtailsettings")


def sync_group_permissions(**kwargs):
    """Give each group its model permissions after every migrate (idempotent).

    Editors get everything Wagtail's Moderators have plus every permission of our own apps;
    apps grant other groups theirs through the hook ``group_permissions``, which returns
    ``{group name: ["app_label.codename", ...]}``.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    from wagtail import hooks

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    moderators = Group.objects.filter(name="Moderators").first()
    wanted = Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
    if moderators:
        wanted = wanted | moderators.permissions.all()
        for grant in moderators.collection_permissions.all():
            editors.collection_permissions.get_or_create(
                collection_id=grant.collection_id, permission_id=grant.permission_id
            )
    editors.permissions.add(*wanted.distinct())
    if moderators:
        from wagtail.models import GroupApprovalTask

        for task in GroupApprovalTask.objects.filter(groups=moderators):
            task.groups.add(editors)

    for hook in hooks.get_hooks("group_permissions"):
        for name, codenames in hook().items():
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            query = Q(pk__in=[])
            for codename in codenames:
                app_label, _dot, code = codename.partition(".")
                query |= Q(content_type__app_label=app_label, codename=code)
            group.permissions.add(*Permission.objects.filter(query))
