"""Admin viewsets for supplier profiles and target groups, and the editors' import view."""

import django_filters

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from accounts.viewsets import OwnedSnippetViewSet
from cms.admin_display import yes_no_column
from cms.spreadsheets import SafeExportViewSetMixin

from . import cpv
from .forms import ImportUploadForm
from .importer import import_file
from .models import ContactMessage, CpvCode, SupplierProfile, TargetGroup


class SupplierProfileFilterSet(WagtailFilterSet):
    division = django_filters.ChoiceFilter(
        label=_("CPV division"), method="filter_division", choices=[]
    )

    class Meta:
        model = SupplierProfile
        fields = [
            "live",
            "rsv_claimed",
            "rsv_verified",
            "reserved_contract_eligible",
            "delivery_scope",
            "municipality__region",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["division"].extra["choices"] = [
            (cpv.division_digits(c.code), f"{cpv.division_digits(c.code)} {c.label}")
            for c in CpvCode.objects.filter(level=CpvCode.Level.DIVISION)
        ]

    def filter_division(self, queryset, name, value):
        division = cpv.division_of(value)
        ids = SupplierProfile.objects.filter(cpv.descendants_q([division])).values("pk")
        return queryset.filter(pk__in=ids)


class SupplierProfileIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            url = reverse(self.index_url_name.rsplit(":", 1)[0] + ":import")
            buttons.append(Button(_("Import profiles"), url=url, icon_name="upload"))
        return buttons


class SupplierProfileViewSet(OwnedSnippetViewSet):
    model = SupplierProfile
    index_view_class = SupplierProfileIndexView
    icon = "group"
    menu_label = _("Supplier profiles")
    menu_order = 100
    list_display = [
        "name",
        "cvr",
        "municipality",
        yes_no_column(SupplierProfile, "rsv_verified"),
        "updated_at",
    ]
    list_per_page = 50
    filterset_class = SupplierProfileFilterSet
    search_fields = ["name", "summary", "search_keywords", "cvr"]
    ordering = ["name"]
    list_export = [
        "name",
        "cvr",
        "summary",
        "municipality",
        "email",
        "phone",
        "website",
        "rsv_claimed",
        "rsv_verified",
        "reserved_contract_eligible",
        "employees_total",
        "employees_special_terms",
        "live",
        "updated_at",
    ]
    export_filename = "leverandoerprofiler"
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", self.import_view, name="import"),
        ]

    def import_view(self, request):
        if not self.permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        report = None
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_file(
                upload, upload.name, publish=form.cleaned_data["publish"], user=request.user
            )
            level = messages.SUCCESS if not report.errors else messages.WARNING
            messages.add_message(request, level, report.summary())
            if not report.errors:
                return redirect(self.get_url_name("list"))
        return TemplateResponse(
            request,
            "directory/admin/import.html",
            {
                "form": form,
                "report": report,
                "header_icon": self.icon,
                "page_title": _("Import supplier profiles"),
                "list_url": self.get_url_name("list"),
            },
        )


class TargetGroupViewSet(SafeExportViewSetMixin, SnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Target groups")
    list_display = ["name", "slug"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]
    list_export = ["name", "slug", "description"]


class ContactMessageViewSet(OwnedSnippetViewSet):
    """The messages visitors sent through the profile pages: a SØV reads its own profiles'."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Messages")
    menu_order = 110
    inspect_view_enabled = True
    inspect_view_fields = [
        "profile",
        "name",
        "email",
        "organisation",
        "subject",
        "message",
        "created_at",
    ]
    list_display = [
        "subject",
        "name",
        "email",
        "profile",
        DateColumn("created_at", label=_("Sent")),
    ]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    ordering = ["-created_at"]
    list_export = ["profile", "name", "email", "organisation", "subject", "message", "created_at"]
    export_filename = "beskeder"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (SupplierProfileViewSet, ContactMessageViewSet, TargetGroupViewSet)
    menu_icon = "group"
    menu_label = _("Supplier directory")
    menu_name = "directory"
    menu_order = 200
