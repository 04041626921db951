"""The "Partnere" group, its permissions and the editor-approval workflow for partner events.

Idempotent; runs after migrations, when an event index page is created and with the demo data.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.groups import EDITORS

from .permissions import PARTNER_GROUP

EDITOR_GROUPS = [EDITORS, "Editors", "Moderators"]
WORKFLOW_NAME = "Partnerarrangementer"
TASK_NAME = "Redaktørgodkendelse af partnerarrangement"


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_partner_access():
    """Give partners what they need to announce events, and route them through editors."""
    partners, _created = Group.objects.get_or_create(name=PARTNER_GROUP)
    for app_label, codename in [("wagtailadmin", "access_admin"), ("events", "view_registration")]:
        permission = _permission(app_label, codename)
        if permission:
            partners.permissions.add(permission)
    root_collection = Collection.get_first_root_node()
    if root_collection:
        # Images and documents for their events; they choose only those they uploaded.
        for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
            for action in ["add", "choose"]:
                permission = _permission(app_label, f"{action}_{model}")
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=partners, collection=root_collection, permission=permission
                    )
    editors = list(Group.objects.filter(name__in=EDITOR_GROUPS))
    editor_codenames = [
        f"{action}_{model}"
        for model in ["partner", "registration"]
        for action in ["add", "change", "delete", "view"]
    ]
    editor_permissions = Permission.objects.filter(
        content_type__app_label="events", codename__in=editor_codenames
    )
    for group in editors:
        group.permissions.add(*editor_permissions)
    _assign_event_indexes(partners, editors)


def _assign_event_indexes(partners, editors):
    from .models import EventIndexPage

    indexes = list(EventIndexPage.objects.all())
    if not indexes:
        return
    page_permissions = [_permission("wagtailcore", c) for c in ["add_page", "change_page"]]
    workflow = _workflow(editors)
    for index in indexes:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=partners, page=index, permission=permission
            )
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})


def _workflow(editors):
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.set(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow
