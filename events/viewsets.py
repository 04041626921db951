"""Admin views for partners and registrations."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from accounts.groups import is_editor
from accounts.viewsets import OwnedSnippetViewSet

from .models import EventPage, Partner, Registration


class PartnerViewSet(OwnedSnippetViewSet):
    """Editors manage every partner; a partner user edits only its own record."""

    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "website"]
    list_filter = []
    search_fields = ["name"]
    ordering = ["name"]
    list_export = ["name", "website", "description"]
    copy_view_enabled = False


def own_events(request):
    events = EventPage.objects.order_by("-start")
    if request is None or is_editor(request.user):
        return events
    return events.filter(organiser__members=request.user)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label=_("event"), queryset=own_events)

    class Meta:
        model = Registration
        fields = ["event", "status", "role"]


class RegistrationViewSet(OwnedSnippetViewSet):
    """Editors see every registration; a partner user those for its own events, read-only."""

    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "email",
        "organisation",
        Column("role", label=_("role"), accessor="get_role_display"),
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("event", label=_("event"), accessor="event"),
        DateColumn("created_at", label=_("registered")),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    ordering = ["event", "created_at"]
    list_per_page = 50
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "get_role_display",
        "get_status_display",
        "accessibility_needs",
        "dietary_needs",
        "created_at",
        "cancelled_at",
    ]
    export_headings = {
        "event": _("event"),
        "name": _("name"),
        "email": _("e-mail"),
        "organisation": _("organisation"),
        "get_role_display": _("role"),
        "get_status_display": _("status"),
        "accessibility_needs": _("accessibility needs"),
        "dietary_needs": _("dietary needs"),
        "created_at": _("registered"),
        "cancelled_at": _("cancelled"),
    }
    export_filename = "tilmeldinger"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (RegistrationViewSet, PartnerViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"
