from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import admin_search_areas
from wagtail.log_actions import LogFormatter

from . import admin_urls
from .groups import is_editor, is_restricted
from .middleware import RestrictedAdminMiddleware
from .panels import PendingAccountsPanel
from .services import TAKE_OFFLINE, OfflineReason


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("konti/", include(admin_urls, namespace="accounts_admin"))]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def pending_accounts_menu_item():
    return EditorMenuItem(
        _("Awaiting approval"), reverse("accounts_admin:pending"), icon_name="user", order=150
    )


@hooks.register("register_admin_menu_item")
def my_data_menu_item():
    return MenuItem(
        _("My data"), reverse("accounts_admin:my_data"), icon_name="download", order=10000
    )


@hooks.register("construct_homepage_panels", order=-100)
def homepage_panels(request, panels):
    if is_restricted(request.user):
        panels.clear()
    elif is_editor(request.user):
        panels.insert(0, PendingAccountsPanel())


@hooks.register("construct_main_menu")
def restrict_main_menu(request, menu_items):
    if is_restricted(request.user):
        menu_items[:] = [
            item for item in menu_items if RestrictedAdminMiddleware.url_allowed(item.url)
        ]


@hooks.register("construct_reports_menu")
def editors_only_site_history(request, menu_items):
    if not is_editor(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


_search_areas_for = admin_search_areas.search_items_for_request


def search_areas_for(request):
    """No admin search for restricted users: the sidebar box would open the page search (refused
    by the middleware) or the image library. Wagtail shows the first search area a user may see
    and has no hook to hide the box, so this wraps its lookup of those areas."""
    return [] if is_restricted(request.user) else _search_areas_for(request)


admin_search_areas.search_items_for_request = search_areas_for


@hooks.register("construct_image_chooser_queryset")
def own_images_only(images, request):
    if is_restricted(request.user):
        return images.filter(uploaded_by_user=request.user)
    return images


@hooks.register("construct_homepage_summary_items")
def restricted_summary(request, summary_items):
    if is_restricted(request.user):
        summary_items.clear()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(TAKE_OFFLINE)
    class TakeOfflineFormatter(LogFormatter):
        label = _("Take offline")
        messages = {
            OfflineReason.OWNER: _("Taken offline by its owner"),
            OfflineReason.LAST_OWNER_DELETED: _(
                "Taken offline because its last owner deleted their account"
            ),
            OfflineReason.LAST_MEMBER_DELETED: _(
                "Taken offline because the last member of the buyer organisation deleted their "
                "account"
            ),
        }

        def format_message(self, log_entry):
            return self.messages.get(log_entry.data.get("reason"), _("Taken offline"))
