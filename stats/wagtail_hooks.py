from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from accounts.groups import is_editor
from accounts.wagtail_hooks import EditorMenuItem

from . import admin_urls
from .demo import load_demo_statistics
from .panels import editor_panels
from .services import REMINDER_ACTION

hooks.register("load_demo_data", load_demo_statistics)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("tal/", include(admin_urls, namespace="stats_admin"))]


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return EditorMenuItem(
        _("Waiting for the editors"), reverse("stats_admin:queue"), icon_name="tasks", order=140
    )


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    if is_editor(request.user):
        panels.extend(editor_panels())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        REMINDER_ACTION, _("Update reminder"), _("Reminder to update the profile sent")
    )
