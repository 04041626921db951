from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.groups import BUYERS, PARTNERS, SUPPLIERS

from .models import InterestExpression, TenderPlanEntry
from .permissions import entry_policy, interest_policy

OWNED_MODELS = (TenderPlanEntry, InterestExpression)
register_permission_policy(TenderPlanEntry, entry_policy)
register_permission_policy(InterestExpression, interest_policy)

from . import demo, services  # noqa: E402
from .search import tender_plan_section  # noqa: E402
from .viewsets import (  # noqa: E402
    BuyerOrganisationViewSet,
    InterestExpressionViewSet,
    PublishedEntryChooserViewSet,
    TenderPlanEntryViewSet,
)

register_snippet(TenderPlanEntryViewSet)
register_snippet(InterestExpressionViewSet)
register_snippet(BuyerOrganisationViewSet)
hooks.register("load_demo_data", demo.load_demo_tender_plan)
hooks.register("site_search_section", tender_plan_section)
hooks.register("account_approved", services.apply_buyer_signup)
hooks.register("personal_data", services.personal_data)
hooks.register("delete_personal_data", services.delete_personal_data)


ENTRY_CHOOSER = "procurement_entry_chooser"


@hooks.register("register_admin_viewset")
def published_entry_chooser():
    return PublishedEntryChooserViewSet(ENTRY_CHOOSER, url_prefix="udbudsplan/vaelg")


@hooks.register("restricted_admin_urls")
def partner_admin_urls():
    """Partners link their events to published tender plan entries."""
    return {PARTNERS: [ENTRY_CHOOSER]}


@hooks.register("restricted_admin_namespaces")
def restricted_admin_namespaces():
    namespaces = [f"wagtailsnippets_procurement_{m._meta.model_name}" for m in OWNED_MODELS]
    return [*namespaces, "procurement_matching", "procurement_alerts"]


@hooks.register("register_admin_urls")
def matching_admin_urls():
    from . import admin_views

    patterns = [path("<int:pk>/", admin_views.entry_matches, name="entry")]
    from . import alert_views

    alerts = [path("", alert_views.alert_settings, name="settings")]
    return [
        path("udbudsplan/leverandoerer/", include((patterns, "procurement_matching"))),
        path("udbudsplan/varsler/", include((alerts, "procurement_alerts"))),
    ]


class SupplierAlertsMenuItem(MenuItem):
    def is_shown(self, request):
        from directory.models import SupplierProfile

        return SupplierProfile.objects.filter(owners=request.user).exists()


@hooks.register("register_admin_menu_item")
def alerts_menu_item():
    return SupplierAlertsMenuItem(
        _("Tender alerts"), reverse("procurement_alerts:settings"), icon_name="mail", order=52
    )


@hooks.register("register_snippet_listing_buttons")
def relevant_suppliers_button(snippet, user, next_url=None):
    if isinstance(snippet, TenderPlanEntry):
        yield ListingButton(
            _("Relevant suppliers"),
            reverse("procurement_matching:entry", args=[snippet.pk]),
            icon_name="group",
            priority=15,
        )


@hooks.register("group_permissions")
def group_permissions():
    return {
        BUYERS: [
            "procurement.add_tenderplanentry",
            "procurement.change_tenderplanentry",
            "procurement.publish_tenderplanentry",
            "procurement.view_tenderplanentry",
            "procurement.view_interestexpression",
        ],
        SUPPLIERS: ["procurement.view_interestexpression"],
    }


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    from directory.models import SupplierProfile

    from .models import BuyerOrganisation
    from .panels import BuyerInterestsPanel, SupplierTendersPanel

    if SupplierProfile.objects.filter(owners=request.user).exists():
        panels.append(SupplierTendersPanel(request.user))
    if BuyerOrganisation.objects.filter(members=request.user).exists():
        panels.append(BuyerInterestsPanel(request.user))
