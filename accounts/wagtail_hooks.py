from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.search import admin_search_areas
from wagtail.admin.views import chooser as page_chooser
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from . import admin_urls
from .groups import is_editor, is_restricted
from .middleware import RestrictedAdminMiddleware
from .panels import PendingAccountsPanel
from .permissions import OwnMediaPermissionPolicy, owned_pages, visible_pages
from .services import TAKE_OFFLINE, OfflineReason
from .viewsets import TenantPageViewSet

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


@hooks.register("insert_editor_js")
def field_names_js():
    """Names the inputs that Wagtail's rich-text and tag widgets build."""
    return format_html('<script src="{}"></script>', static("js/admin-field-names.js"))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("konti/", include(admin_urls, namespace="accounts_admin"))]


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return TenantPageViewSet()


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
    """A link the allowlist opens, or a group whose every link it opens."""
    if isinstance(item, SubmenuMenuItem):
        items = item.menu.registered_menu_items
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
def editors_only_reports(request, menu_items):
    if not is_editor(request.user):
        menu_items.clear()


_search_areas_for = admin_search_areas.search_items_for_request


def search_areas_for(request):
    """No admin search for restricted users: the sidebar box would open the page search (refused
    by the middleware) or the image library. Wagtail shows the first search area a user may see
    and has no hook to hide the box, so this wraps its lookup of those areas."""
    return [] if is_restricted(request.user) else _search_areas_for(request)


admin_search_areas.search_items_for_request = search_areas_for


@hooks.register("construct_page_chooser_queryset")
def visible_pages_only(pages, request):
    return visible_pages(request.user, pages)


class PublishedParentColumn(page_chooser.ParentPageColumn):
    def __init__(self, *args, own=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.own = own

    def get_value(self, instance):
        return _as_published(super().get_value(instance), self.own)


def _as_published(page, own):
    """``page`` as the public site shows it, ``None`` if it doesn't; one's own pages as they are."""
    if page is None or page.pk in own:
        return page
    if not page.live:
        return None
    page.draft_title = page.title
    return page


class PublishedPageChooserTable(page_chooser.PageChooserTable):
    """The page chooser's table for non-editors: published titles, no draft dates or status.

    ``construct_page_chooser_queryset`` chooses which pages are listed, but Wagtail's chooser
    shows their draft titles and moderation status and has no hook for that, so its table class
    is replaced here (an upgrade that renames it fails at start-up).
    """

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        if not is_editor(user):
            own = set(Page.objects.filter(owned_pages(user)).values_list("pk", flat=True))
            del self.columns["updated"]
            del self.columns["status"]
            if "parent" in self.columns:
                parent = self.columns["parent"]
                self.columns["parent"] = PublishedParentColumn(
                    parent.name, label=parent.label, own=own
                )
            self.data = [
                page for page in (_as_published(row, own) for row in self.data) if page is not None
            ]
        return super().get_context_data(parent_context)


page_chooser.PageChooserTable = PublishedPageChooserTable


@hooks.register("construct_homepage_summary_items", order=1000)
def restricted_summary(request, summary_items):
    """No site-wide counts for restricted users; last, after Wagtail's apps added theirs."""
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
