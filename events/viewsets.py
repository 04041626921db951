"""Admin views for partners and registrations."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partner, Registration
from .permissions import partner_scope


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "website"]
    list_filter = []
    search_fields = ["name"]
    ordering = ["name"]
    list_export = ["name", "website", "description"]
    copy_view_enabled = False


class RegistrationViewSet(SnippetViewSet):
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
    list_filter = ["event", "status", "role"]
    search_fields = ["name", "email", "organisation"]
    ordering = ["event", "created_at"]
    list_per_page = 50
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "status",
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
        "role": _("role"),
        "status": _("status"),
        "accessibility_needs": _("accessibility needs"),
        "dietary_needs": _("dietary needs"),
        "created_at": _("registered"),
        "cancelled_at": _("cancelled"),
    }
    export_filename = "tilmeldinger"

    def get_queryset(self, request):
        queryset = Registration.objects.select_related("event")
        scope = partner_scope(request.user)
        if scope is not None:
            queryset = queryset.filter(event__organiser_id__in=scope)
        return queryset


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (RegistrationViewSet, PartnerViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"
