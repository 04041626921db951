"""Admin for the tender plan: buyers see their own entries and the interest in them."""

import django_filters

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from accounts.groups import is_editor
from accounts.viewsets import OwnedSnippetViewSet
from cms.admin_display import YesNoColumn, yes_no_column
from cms.spreadsheets import SafeExportViewSetMixin

from .models import (
    BuyerOrganisation,
    InterestExpression,
    Procedure,
    Status,
    TenderPlanEntry,
)


def own_organisations(request):
    organisations = BuyerOrganisation.objects.all()
    if request is None or is_editor(request.user):
        return organisations
    return organisations.filter(members=request.user)


def own_entries(request):
    entries = TenderPlanEntry.objects.all()
    if request is None or is_editor(request.user):
        return entries
    return entries.filter(organisation__members=request.user).distinct()


class TenderPlanEntryFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Buyer organisation"), queryset=own_organisations
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    procedure = django_filters.ChoiceFilter(label=_("Procedure"), choices=Procedure.choices)

    class Meta:
        model = TenderPlanEntry
        fields = ["organisation", "status", "procedure"]


class InterestExpressionFilterSet(WagtailFilterSet):
    entry = django_filters.ModelChoiceFilter(label=_("Tender plan entry"), queryset=own_entries)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=InterestExpression.Role.choices)
    withdrawn = django_filters.BooleanFilter(
        label=_("Withdrawn"), field_name="withdrawn_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = InterestExpression
        fields = ["entry", "role"]


def _link(url, text):
    return format_html('<a href="{}">{}</a>', url, text) if url else text


class InterestInspectView(InspectView):
    """One interest as its buyer or sender follows it up: the SØV and the purchase linked to
    their public pages, and whom to contact."""

    def get_field_label(self, field_name, field):
        if field_name == "contact":
            return _("Contact person")
        return super().get_field_label(field_name, field)

    def get_supplier_display_value(self):
        supplier = self.object.supplier
        return _link(supplier.get_url(self.request) if supplier.live else None, supplier.name)

    def get_entry_display_value(self):
        entry = self.object.entry
        return _link(entry.get_url(self.request) if entry.live else None, entry.title)

    def get_contact_display_value(self):
        supplier, user = self.object.supplier, self.object.user
        lines = [
            supplier.contact_name or (user.get_full_name() if user else ""),
            _link(f"mailto:{supplier.email}", supplier.email) if supplier.email else "",
            _link(f"tel:{supplier.phone}", supplier.phone) if supplier.phone else "",
        ]
        if user and user.email and user.email != supplier.email:
            lines.append(_link(f"mailto:{user.email}", user.email))
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines if line))  # noqa: S308


class EditorsEntryChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser (editors only), which leaves the widget for ``ForeignKey`` fields to
    ``PublishedEntryChooserViewSet``."""

    register_widget = False


class TenderPlanEntryViewSet(OwnedSnippetViewSet):
    model = TenderPlanEntry
    chooser_viewset_class = EditorsEntryChooserViewSet
    icon = "list-ul"
    menu_label = _("Tender plan")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "organisation",
        Column("procedure", label=_("Procedure"), accessor="get_procedure_display"),
        DateColumn("expected_publication", label=_("Expected publication")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        yes_no_column(TenderPlanEntry, "live"),
    ]
    filterset_class = TenderPlanEntryFilterSet
    search_fields = ["title", "summary"]
    search_backend_name = None
    ordering = ["expected_publication", "pk"]
    list_export = [
        "pk",
        "title",
        "organisation.name",
        "procedure",
        "reservation",
        "expected_publication",
        "contract_start",
        "contract_duration_months",
        "value_min",
        "value_max",
        "interest_deadline",
        "status",
        "live",
    ]
    export_headings = {"pk": "id", "organisation.name": _("Buyer organisation")}
    export_filename = "udbudsplan"


class InterestExpressionViewSet(OwnedSnippetViewSet):
    model = InterestExpression
    icon = "user"
    menu_label = _("Interest")
    menu_order = 211
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = InterestInspectView
    inspect_view_fields = [
        "supplier",
        "entry",
        "role",
        "message",
        "contact",
        "visible_to_others",
        "shown_publicly",
        "created_at",
        "updated_at",
        "withdrawn_at",
    ]
    list_display = [
        "supplier",
        "entry",
        Column("role", label=_("Role"), accessor="get_role_display"),
        YesNoColumn("visible_to_others", label=_("Open to consortia")),
        DateColumn("created_at", label=_("Sent")),
        Column("status", label=_("Status"), accessor="status_label"),
    ]
    filterset_class = InterestExpressionFilterSet
    search_fields = ["supplier__name", "entry__title", "message"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = [
        "entry.title",
        "entry.organisation.name",
        "supplier.name",
        "supplier.cvr",
        "supplier.contact_name",
        "supplier.email",
        "supplier.phone",
        "get_role_display",
        "message",
        "visible_to_others",
        "created_at",
        "withdrawn_at",
    ]
    export_headings = {
        "entry.title": _("Tender plan entry"),
        "entry.organisation.name": _("Buyer organisation"),
        "supplier.name": _("Social enterprise"),
        "supplier.cvr": _("CVR number"),
        "supplier.contact_name": _("Contact person"),
        "supplier.email": _("E-mail"),
        "supplier.phone": _("Phone"),
        "get_role_display": _("Role"),
    }
    export_filename = "interesse"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entry__organisation", "supplier")


class BuyerOrganisationViewSet(SafeExportViewSetMixin, SnippetViewSet):
    model = BuyerOrganisation
    icon = "group"
    menu_label = _("Buyer organisations")
    menu_order = 212
    add_to_admin_menu = True
    list_display = ["name", Column("kind", label=_("Kind"), accessor="get_kind_display"), "cvr"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
    search_backend_name = None
    ordering = ["name"]
    list_export = ["name", "kind", "cvr", "website"]
    export_filename = "ordregivere"


def published_entries():
    return TenderPlanEntry.objects.filter(live=True).select_related("organisation")


class PublishedChooseView(chooser_views.ChooseView):
    def get_object_list(self):
        return published_entries()


class PublishedChooseResultsView(chooser_views.ChooseResultsView):
    def get_object_list(self):
        return published_entries()


class PublishedChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        return published_entries().get(pk=pk)


class PublishedChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return published_entries().filter(pk__in=pks)


class PublishedEntryChooserViewSet(ChooserViewSet):
    """Chooses a published tender plan entry, e.g. for an event about it; open to editors and
    partners (it shows only what the public tender plan shows) and the widget of every
    ``ForeignKey`` to ``TenderPlanEntry``."""

    model = TenderPlanEntry
    icon = "list-ul"
    choose_one_text = _("Choose a tender plan entry")
    choose_another_text = _("Choose another tender plan entry")
    choose_view_class = PublishedChooseView
    choose_results_view_class = PublishedChooseResultsView
    chosen_view_class = PublishedChosenView
    chosen_multiple_view_class = PublishedChosenMultipleView

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "create"]
