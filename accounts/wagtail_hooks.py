from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.search import admin_search_areas
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy

from . import admin_urls
from .groups import is_editor, is_restricted
from .middleware import RestrictedAdminMiddleware
from .panels import PendingAccountsPanel
from .permissions import OwnMediaPermissionPolicy

# ``exact_class``: these win over the policies wagtail.images and wagtail.documents register when
# their apps are ready, whichever runs first.
for media_model, auth_model in [
    (get_image_model(), "wagtailimages.Image"),
    (get_document_model(), "wagtaildocs.Document"),
]:
    register_permission_policy(
        media_model,
        OwnMediaPermissionPolicy(
            media_model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )


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


def _menu_item_allowed(item, request):
    if isinstance(item, SubmenuMenuItem):
        items = item.menu.menu_items_for_request(request)
        return bool(items) and all(_menu_item_allowed(i, request) for i in items)
    return RestrictedAdminMiddleware.url_allowed(item.url, request.user)


@hooks.register("construct_main_menu")
def restrict_main_menu(request, menu_items):
    if not is_restricted(request.user):
        return
    menu_items[:] = [
        # The sidebar's page explorer browses through the admin API, which stays closed.
        MenuItem(item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order)
        if item.name == "explorer"
        else item
        for item in menu_items
        if _menu_item_allowed(item, request)
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


@hooks.register("construct_homepage_summary_items")
def restricted_summary(request, summary_items):
    if is_restricted(request.user):
        summary_items.clear()
