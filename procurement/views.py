"""Views behind the tender plan page's routes and the buyer sign-up."""

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from accounts import signup
from accounts.groups import BUYERS, is_editor
from accounts.models import Account
from accounts.services import (
    account_with_email,
    answer_taken_email,
    create_user_with_account,
    send_confirmation,
)
from cms.pages import index_page_for
from cms.public import page_url
from cms.structured_data import script_json
from directory.models import DirectoryIndexPage, SupplierProfile
from directory.views import CountedPaginator

from . import services
from .forms import VALUE_RANGES, WINDOWS, BuyerSignupForm, InterestForm
from .matching import entries_for_profiles, profiles_for_entry
from .models import BuyerSignupRequest, InterestExpression, TenderPlanEntry
from .queries import Facets, TenderPlanQuery


def active_interest_count():
    return Count("interests", filter=Q(interests__withdrawn_at__isnull=True), distinct=True)


class ListedEntries:
    """The matching entries as the paginator slices them: a page's ids in the list's order,
    then those entries with what the list shows (interest counts for these only)."""

    def __init__(self, results):
        self.results = results

    def __getitem__(self, index):
        pks = list(self.results.values_list("pk", flat=True)[index])
        found = TenderPlanEntry.objects.filter(pk__in=pks).for_listing()
        found = {e.pk: e for e in found.annotate(interest_count=active_interest_count())}
        return [found[pk] for pk in pks if pk in found]


def tender_plan_index(request, page):
    """Live entries matching the query string, upcoming first, with facet counts."""
    query = TenderPlanQuery.from_querydict(request.GET).validated()
    profile_ids = list(own_profiles(request.user).values_list("pk", flat=True))
    reasons = {}
    if profile_ids:
        found = entries_for_profiles(profile_ids, limit=None)
        reasons = {match.entry_id: match.reason_text for match in found}
        query = replace(query, match_ids=tuple(reasons))
    search_ids = query.search_ids() if query.q else None
    facets = Facets(query, search_ids)
    page_obj = CountedPaginator(
        ListedEntries(query.results(search_ids)), settings.LISTING_PAGE_SIZE, count=facets.count
    ).get_page(request.GET.get("page"))
    entries = list(page_obj.object_list)
    for entry in entries:
        entry.match_reason = reasons.get(entry.pk) if query.match else None
    regions, municipalities = facets.geography()
    return page.render(
        request,
        context_overrides={
            "query": query,
            "base_url": page.get_url(request),
            "page_obj": page_obj,
            "entries": entries,
            "facets": {
                "status": facets.status(),
                "procedure": facets.procedure(),
                "reservation": facets.reservation(),
                "organisation": facets.organisation(),
                "value": facets.value(),
                "window": facets.window(),
                "cpv": facets.cpv(),
                "regions": regions,
                "municipalities": municipalities,
            },
            "value_ranges": VALUE_RANGES,
            "windows": WINDOWS,
            "archive_statuses": ("awarded", "cancelled"),
            "can_match": bool(profile_ids),
        },
    )


def tender_plan_entry(request, page, entry_id, slug):
    """One live entry; SØV owners express, change or withdraw interest here (POST)."""
    entry = (
        TenderPlanEntry.objects.live().select_related("organisation").filter(pk=entry_id).first()
    )
    if entry is None:
        raise Http404
    canonical = f"{page.get_url(request)}{entry.pk}/{entry.slug}/"
    if request.method == "POST":
        return _handle_interest(request, page, entry, canonical)
    if slug != entry.slug:
        return HttpResponseRedirect(canonical, status=301)
    return page.render(
        request,
        template="procurement/tender_plan_entry.html",
        context_overrides=entry_context(request, entry, page),
    )


def own_profiles(user):
    if not user.is_authenticated:
        return SupplierProfile.objects.none()
    return SupplierProfile.objects.live().filter(owners=user).order_by("name")


def entry_context(request, entry, page, preview=False, express_form=None, edit_forms=None):
    """Everything the detail page shows, including the reader's own interest and partners."""
    user = request.user
    profiles = own_profiles(user) if not preview else SupplierProfile.objects.none()
    profile_list = list(profiles)
    interests = InterestExpression.objects.active().filter(entry=entry) if entry.pk else None
    mine = (
        list(interests.filter(supplier__in=profile_list).select_related("supplier"))
        if interests is not None and profile_list
        else []
    )
    available = [p for p in profile_list if p.pk not in {i.supplier_id for i in mine}]
    can_interest = entry.accepts_interest and not preview
    show_express = express_form is not None or (can_interest and bool(available))
    if can_interest and available and express_form is None:
        express_form = InterestForm(
            entry=entry,
            profiles=profiles,
            initial={"supplier": available[0].pk},
            prefix="express",
        )
    if can_interest and edit_forms is None:
        edit_forms = {
            i.pk: InterestForm(instance=i, entry=entry, profiles=profiles, prefix=f"i{i.pk}")
            for i in mine
        }
    partners = []
    if interests is not None and any(i.visible_to_others for i in mine):
        partners = list(
            interests.filter(visible_to_others=True, supplier__live=True)
            .exclude(supplier__in=profile_list)
            .select_related("supplier")
            .order_by("supplier__name")
        )
    is_buyer = bool(
        entry.pk
        and user.is_authenticated
        and (is_editor(user) or entry.organisation.members.filter(pk=user.pk).exists())
    )
    owning_buyer = bool(
        entry.pk
        and not preview
        and user.is_authenticated
        and entry.organisation.members.filter(pk=user.pk).exists()
    )
    directory = index_page_for(DirectoryIndexPage, request) if owning_buyer else None
    return {
        "relevant_suppliers": profiles_for_entry(entry) if owning_buyer else None,
        "directory_url": directory.get_url(request) if directory else "",
        "matches_admin_url": (
            reverse("procurement_matching:entry", args=[entry.pk]) if owning_buyer else None
        ),
        "entry": entry,
        "events": linked_events(entry) if entry.pk else [],
        "documents": list(entry.documents.select_related("document")) if entry.pk else [],
        "cpv_codes": list(entry.cpv_codes.all()) if entry.pk else [],
        "delivery_municipalities": list(entry.delivery_municipalities.all()) if entry.pk else [],
        "interest_count": interests.count() if interests is not None else 0,
        "my_interests": [(i, (edit_forms or {}).get(i.pk)) for i in mine],
        "express_form": express_form if show_express else None,
        "has_profile": bool(profile_list),
        "partners": partners,
        "is_buyer": is_buyer,
        "admin_interests_url": (
            reverse("wagtailsnippets_procurement_interestexpression:list")
            + "?"
            + urlencode({"entry": entry.pk})
            if is_buyer
            else None
        ),
        "login_url": reverse("wagtailadmin_login")
        + "?"
        + urlencode({"next": request.get_full_path()}),
        "supplier_signup_url": _language_prefix() + "/opret/leverandoer/",
        "preview": preview,
        "json_ld": entry_json_ld(request, entry, page) if entry.pk and page else "",
    }


def linked_events(entry):
    """The live, public events about ``entry`` (``EventPage.tender_entry``), by start, each in
    the active language where it is translated."""
    active = Locale.get_active()
    chosen = {}
    for event in entry.events.live().public().order_by("start"):
        if event.translation_key not in chosen or event.locale_id == active.id:
            chosen[event.translation_key] = event
    return sorted(chosen.values(), key=lambda event: event.start)


def entry_json_ld(request, entry, page):
    """schema.org Demand: a public buyer's announced, not yet binding, wish to buy."""
    url = f"{page_url(page, request)}{entry.pk}/{entry.slug}/"
    data = {
        "@context": "https://schema.org",
        "@type": "Demand",
        "name": entry.title,
        "description": entry.summary,
        "url": url,
        "@reverse": {"seeks": {"@type": "GovernmentOrganization", "name": entry.organisation.name}},
        "itemOffered": {
            "@type": "Service",
            "name": entry.title,
            "category": [f"CPV {code.code} {code.label_da}" for code in entry.cpv_codes.all()],
        },
    }
    if entry.expected_publication:
        data["availabilityStarts"] = entry.expected_publication.isoformat()
    if entry.interest_deadline:
        data["validThrough"] = entry.interest_deadline.isoformat()
    places = [m.name for m in entry.delivery_municipalities.all()]
    if places:
        data["areaServed"] = [{"@type": "AdministrativeArea", "name": name} for name in places]
    if entry.value_min is not None or entry.value_max is not None:
        price = {"@type": "PriceSpecification", "priceCurrency": "DKK"}
        if entry.value_min is not None:
            price["minPrice"] = entry.value_min
        if entry.value_max is not None:
            price["maxPrice"] = entry.value_max
        data["priceSpecification"] = price
    return script_json(data)


def _language_prefix():
    language = get_language() or settings.LANGUAGE_CODE
    return "" if language.startswith(settings.LANGUAGE_CODE) else f"/{language}"


def _handle_interest(request, page, entry, canonical):
    profiles = own_profiles(request.user)
    if not profiles.exists():
        messages.error(
            request, _("Log in with a published social enterprise profile to express interest.")
        )
        return HttpResponseRedirect(canonical)
    action = request.POST.get("action", "")
    if action == "express":
        form = InterestForm(request.POST, entry=entry, profiles=profiles, prefix="express")
        if form.is_valid():
            services.express_interest(entry, form.cleaned_data, request.user)
            messages.success(
                request,
                _("Your interest is sent. %(buyer)s has been told by e-mail.")
                % {"buyer": entry.organisation.name},
            )
            return HttpResponseRedirect(canonical + "#interest")
        return _render_entry(request, page, entry, express_form=form, status=400)
    interest = (
        InterestExpression.objects.active()
        .filter(entry=entry, supplier__in=profiles, pk=_int(request.POST.get("interest")))
        .first()
    )
    if interest is None or action not in ("update", "withdraw"):
        messages.error(request, _("We could not find that expression of interest."))
        return HttpResponseRedirect(canonical)
    try:
        services.ensure_open(entry)
        if action == "withdraw":
            services.withdraw_interest(interest)
            messages.success(request, _("Your interest is withdrawn."))
            return HttpResponseRedirect(canonical + "#interest")
        form = InterestForm(
            request.POST,
            instance=interest,
            entry=entry,
            profiles=profiles,
            prefix=f"i{interest.pk}",
        )
        if form.is_valid():
            services.change_interest(form)
            messages.success(request, _("Your interest is updated."))
            return HttpResponseRedirect(canonical + "#interest")
    except services.InterestClosed:
        messages.error(
            request,
            _(
                "The deadline for expressions of interest has passed, so it can no longer be "
                "changed."
            ),
        )
        return HttpResponseRedirect(canonical)
    return _render_entry(request, page, entry, edit_forms={interest.pk: form}, status=400)


def _render_entry(request, page, entry, status=200, **forms):
    response = page.render(
        request,
        template="procurement/tender_plan_entry.html",
        context_overrides=entry_context(request, entry, page, **forms),
    )
    response.status_code = status
    return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def buyer_signup(request):
    """Sign-up for public buyers; the chosen organisation is applied when an editor approves."""
    template = "procurement/buyer_signup.html"
    form = BuyerSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if signup.over_limit(request, form):
            return signup.refused(request, template, form)
        data = form.cleaned_data
        taken = account_with_email(data["email"])
        if taken is not None:
            answer_taken_email(taken, data["password1"])
            return signup.done(request, "buyer_signup_done", data["email"])
        with transaction.atomic():
            user = create_user_with_account(
                full_name=data["full_name"],
                email=data["email"],
                password=data["password1"],
                kind=Account.Kind.BUYER,
                organisation_name=form.organisation_name,
                group=BUYERS,
            )
            BuyerSignupRequest.objects.create(
                user=user,
                organisation=data["organisation"],
                other_name="" if data["organisation"] else data["other_name"],
                other_cvr="" if data["organisation"] else data["other_cvr"],
            )
        send_confirmation(user)
        return signup.done(request, "buyer_signup_done", user.email)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, template, {"form": form}, status=status)
