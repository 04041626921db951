from django.db.models import Q

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.groups import PARTNERS
from accounts.permissions import OwnedObjectPermissionPolicy

from .access import ensure_partner_access
from .demo import load_demo_events
from .models import EventIndexPage, EventPage, Partner, Registration
from .permissions import RegistrationPermissionPolicy, partner_scope
from .search import upcoming_events_section
from .viewsets import EventsViewSetGroup

register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
# A partner user edits the partners it is a member of; only editors add or delete partners.
register_permission_policy(
    Partner,
    OwnedObjectPermissionPolicy(
        Partner,
        owned_by=lambda user: Q(members=user),
        editor_only_actions={"add", "delete", "publish", "unpublish", "lock", "unlock"},
    ),
)
register_snippet(EventsViewSetGroup)
hooks.register("load_demo_data", load_demo_events)
hooks.register("site_search_section", upcoming_events_section)


@hooks.register("after_create_page")
def set_up_partner_access_for_new_index(request, page):
    if isinstance(page.specific, EventIndexPage):
        ensure_partner_access()


@hooks.register("construct_explorer_page_queryset")
def show_partners_only_their_events(parent_page, pages, request):
    scope = partner_scope(request.user)
    if scope is None:
        return pages
    # Wherever a partner explores or searches from, no other partner's event is listed.
    return pages.exclude(id__in=EventPage.objects.exclude(organiser_id__in=scope).values("id"))


@hooks.register("owned_pages")
def partners_own_events(user):
    return EventPage.objects.filter(organiser__members=user)


PARTNER_PAGE_VIEWS = [
    "add_subpage",
    "add",
    "preview_on_add",
    "edit",
    "preview_on_edit",
    "view_draft",
    "delete",
    "copy",
    "history",
    "history_results",
    "revisions_view",
    "revisions_compare",
    "revisions_revert",
    "workflow_history",
    "workflow_history_detail",
]


@hooks.register("restricted_admin_urls")
def partner_admin_urls():
    """What partners use: their event pages under the event index, images and documents for
    them, their own partner record and the registrations for their events."""
    return {
        PARTNERS: [
            "wagtailadmin_explore_root",
            "wagtailadmin_explore",
            "wagtailadmin_explore_results",
            *(f"wagtailadmin_pages:{name}" for name in PARTNER_PAGE_VIEWS),
            "wagtaildocs",
            "wagtaildocs_chooser",
            "wagtailsnippets_events_partner",
            "wagtailsnippets_events_registration",
        ]
    }


@hooks.register("group_permissions")
def partner_permissions():
    return {PARTNERS: ["events.change_partner", "events.view_partner"]}
