from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .access import ensure_partner_access
from .demo import load_demo_events
from .models import EventIndexPage, EventPage, Registration
from .permissions import RegistrationPermissionPolicy, partner_scope
from .search import upcoming_events_section
from .viewsets import EventsViewSetGroup

register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
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
    if scope is None or not isinstance(parent_page.specific, EventIndexPage):
        return pages
    return pages.filter(id__in=EventPage.objects.filter(organiser_id__in=scope).values("id"))
