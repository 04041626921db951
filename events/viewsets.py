"""Admin views for partners and registrations."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.viewsets import OwnedSnippetViewSet
from cms.spreadsheets import SafeExportViewSetMixin

from .models import Partner, Registration
from .permissions import partner_scope


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


class OwnObjectMixin:
    """Refuses a per-object view unless the permission policy allows this very object."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "delete"], obj
        ):
            raise PermissionDenied
        return obj


class RegistrationInspectView(OwnObjectMixin, snippet_views.InspectView):
    pass


class RegistrationDeleteView(OwnObjectMixin, snippet_views.DeleteView):
    pass


class RegistrationHistoryView(OwnObjectMixin, snippet_views.HistoryView):
    pass


class RegistrationUsageView(OwnObjectMixin, snippet_views.UsageView):
    pass


class RegistrationViewSet(SafeExportViewSetMixin, SnippetViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_class = RegistrationInspectView
    delete_view_class = RegistrationDeleteView
    history_view_class = RegistrationHistoryView
    usage_view_class = RegistrationUsageView
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
