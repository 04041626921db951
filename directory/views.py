"""Public views of the directory: search, profile pages, exports and name suggestions.

They are served by ``DirectoryIndexPage``'s routes, so ``page`` is the directory page in the
visitor's language.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from api.models import Tombstone
from cms.conditional import conditional
from cms.pages import index_page_for
from cms.public import page_url, public_url
from cms.structured_data import script_json

from . import cpv, reference
from .bitmaps import bitmaps_for
from .facets import data_version
from .forms import SORTS
from .models import DirectoryIndexPage, FormerSlug, SupplierProfile, localized_target_groups
from .queries import FLAGS, DirectoryQuery
from .search import explain, index_scans
from .suggestions import CACHE_SECONDS as SUGGESTION_SECONDS
from .suggestions import did_you_mean, suggestions

LONG_TEXTS = (
    "description",
    "social_purpose",
    "search_keywords",
    "search_document",
    "search_vector",
    "facet_keys",
)
SIMILAR_COUNT = 4
MAX_SIMILAR_CODES = 20  # codes compared for similar suppliers (the bitmap work grows as its square)


def list_queryset(qs):
    """A list of profiles as result cards: without the long texts only the profile page shows."""
    return (
        qs.defer(*LONG_TEXTS)
        .select_related("municipality")
        .prefetch_related(
            Prefetch("cpv_codes", to_attr="cpv_list"),
            Prefetch("target_groups", to_attr="target_group_list"),
        )
    )


class CountedPaginator(Paginator):
    """A paginator told the number of results, so it does not count them again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class MatchList:
    """The search's matches as the paginator slices them: a page's ids from
    ``DirectoryQuery.page_pks``, then those profiles as result cards in one query."""

    def __init__(self, query):
        self.query = query

    def __getitem__(self, index):
        pks = self.query.page_pks(index.start, index.stop)
        found = {p.pk: p for p in list_queryset(SupplierProfile.objects.filter(pk__in=pks))}
        return [found[pk] for pk in pks if pk in found]


def directory_index(request, page):
    query = DirectoryQuery.from_querydict(request.GET).validated()
    query.data_version  # noqa: B018  (read first: it needs no text index, and a scan is fastest)
    with index_scans(active=bool(query.q)):
        context = directory_context(request, page, query)
    return TemplateResponse(request, "directory/directory_index_page.html", context)


def directory_context(request, page, query):
    groups = localized_target_groups()
    paginator = CountedPaginator(MatchList(query), settings.LISTING_PAGE_SIZE, count=query.count)
    results = paginator.get_page(request.GET.get("page"))
    results.object_list = list(results.object_list)
    if query.q:
        prefetch_related_objects(results.object_list, "offerings")
    explain(results.object_list, query.q)
    for profile in results:
        profile.localized_target_groups = [
            groups.get(group.translation_key, group) for group in profile.target_group_list
        ]
    base_url = page.get_url(request)
    context = {
        "page": page,
        "search": query,
        "results": results,
        "base_url": base_url,
        "sorts": sort_options(query),
        "cpv_facet": query.cpv_facet(),
        "cpv_matches": query.cpv_label_matches(),
        "geography": query.geography_facet(),
        "target_groups": query.target_group_facet(sorted(groups.values(), key=lambda g: g.name)),
        "tags": query.tag_facet(),
        "flags": query.flag_facet(),
        "active_filters": active_filters(query, groups),
    }
    context["active_filter_count"] = sum(key != "q" for key, *_ in context["active_filters"])
    if not results.paginator.count and not query.problem and (query.q or query.has_filters):
        context["relaxations"] = query.relaxations(
            {key: label for key, label, _url in context["active_filters"]}
        )
        if query.q:
            context["did_you_mean"] = [
                {"term": term, "url": query.url(q=term, sort="")} for term in did_you_mean(query.q)
            ]
    return context


def sort_options(query):
    """[(value, label, selected)] for the orders that make sense: relevance only for words. The
    default order has the value "", so a new search from the list sorts by relevance."""
    default = "relevance" if query.q else "name"
    keys = [key for key in SORTS if query.q or key != "relevance"]
    return [
        ("" if key == default else key, SORTS[key], key == query.effective_sort) for key in keys
    ]


def active_filters(query, groups):
    """[(key, label, url without it)] for every filter in use, so each can be removed."""
    items = []
    if query.q:
        items.append(("q", _("Search: “%(q)s”") % {"q": query.q}, query.url(q="")))
    if query.cpv:
        codes = reference.cpv_codes(query.cpv)
        label = ", ".join(f"{c.code} {c.label}" for c in codes)
        items.append(("cpv", _("CPV: %(codes)s") % {"codes": label}, query.url(cpv=())))
    if query.municipality or query.region:
        names = []
        if query.municipality:
            names.append(str(reference.municipality(query.municipality)))
        if query.region:
            names.append(str(reference.region(query.region)))
        items.append(
            (
                "geo",
                _("Delivers to: %(places)s") % {"places": ", ".join(names)},
                query.url(municipality=None, region=None),
            )
        )
    if query.target_groups:
        names = [g.name for g in groups.values() if g.slug in query.target_groups]
        items.append(
            (
                "target_groups",
                _("Target group: %(groups)s") % {"groups": ", ".join(names) or "–"},
                query.url(target_groups=()),
            )
        )
    if query.tags:
        items.append(
            (
                "tags",
                _("Tags: %(tags)s") % {"tags": ", ".join(query.tags)},
                query.url(tags=()),
            )
        )
    for key in sorted(query.flags):
        items.append((key, FLAGS[key][1], query.url(flags=query.flags - {key})))
    return items


def live_profile_or_404(slug):
    profile = (
        SupplierProfile.objects.live()
        .select_related("municipality__region", "logo")
        .prefetch_related(
            "cpv_codes",
            "target_groups",
            "delivery_municipalities",
            "delivery_regions",
            "tags",
            "references",
            Prefetch("offerings", queryset=profile_offerings()),
        )
        .filter(slug=slug)
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def profile_offerings():
    from .models import SupplierOffering

    return SupplierOffering.objects.select_related("cpv_code").order_by("sort_order")


def similar_profiles(profile, codes, limit=SIMILAR_COUNT):
    """Live profiles sharing the most CPV codes with ``profile`` (a code below one of its codes
    counts), then others in its divisions; from the facet bitmaps, not a scan of the profiles."""
    if not codes:
        return []
    bitmaps = bitmaps_for(data_version())
    ranked = bitmaps.similar(
        [f"cpv:{code.code}" for code in codes[:MAX_SIMILAR_CODES]],
        exclude=profile.pk,
        limit=limit,
        fallback={f"cpv:{cpv.division_of(code.code)}" for code in codes},
    )
    found = {
        p.pk: p
        for p in SupplierProfile.objects.filter(pk__in=ranked)
        .select_related("municipality")
        .only("name", "slug", "summary", "municipality__name")
    }
    return [found[pk] for pk in ranked if pk in found]


def profile_context(request, profile, page):
    codes = list(profile.cpv_codes.all())
    groups = localized_target_groups()
    return {
        "page": page,
        "profile": profile,
        "base_url": page.get_url(request) if page else "",
        "cpv_codes": codes,
        "target_groups": [groups.get(g.translation_key, g) for g in profile.target_groups.all()],
        "similar": similar_profiles(profile, codes) if profile.pk else [],
        "json_ld": json_ld(request, profile, codes, page),
        "contact_url": contact_url(request, profile, page),
    }


def contact_url(request, profile, page):
    """The contact form's address, if the live profile has someone to receive messages."""
    from .services import contact_recipients

    if page is None or not profile.live or not contact_recipients(profile):
        return None
    return f"{page.get_url(request)}{profile.slug}/kontakt/"


def directory_profile(request, page, slug):
    """The profile page; a former slug of a live profile redirects (301) to its address."""
    try:
        profile = live_profile_or_404(slug)
    except Http404:
        former = FormerSlug.objects.filter(slug=slug, profile__live=True).first()
        if former is None:
            raise
        return HttpResponsePermanentRedirect(f"{page.get_url(request)}{former.profile.slug}/")
    return TemplateResponse(
        request, "directory/supplier_profile.html", profile_context(request, profile, page)
    )


def json_ld(request, profile, codes, page):
    """schema.org Organization data for the profile page, safe inside a <script> element."""
    url = f"{page_url(page, request)}{profile.slug}/" if page else ""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": profile.name,
        "description": profile.summary,
        "url": url,
        "taxID": profile.cvr,
        "vatID": f"DK{profile.cvr}",
        "knowsAbout": [code.label for code in codes],
    }
    if profile.website:
        data["sameAs"] = [profile.website]
    if profile.public_email:
        data["email"] = profile.public_email
    if profile.phone:
        data["telephone"] = profile.phone
    if profile.founded_year:
        data["foundingDate"] = str(profile.founded_year)
    if profile.address or profile.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": profile.address,
            "postalCode": profile.postcode,
            "addressLocality": profile.city,
            "addressCountry": "DK",
        }
    if profile.contact_name:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "name": profile.contact_name,
            "email": profile.public_email,
            "telephone": profile.phone,
        }
    if profile.employees_total:
        data["numberOfEmployees"] = {
            "@type": "QuantitativeValue",
            "value": profile.employees_total,
        }
    data["areaServed"] = area_served(profile)
    if profile.logo:
        data["logo"] = public_url(profile.logo.get_rendition("max-1200x630").url)
    return script_json(data)


def area_served(profile):
    """Where the supplier delivers, as schema.org places."""
    scope = SupplierProfile.DeliveryScope
    if profile.delivery_scope == scope.NATIONAL:
        return {"@type": "Country", "name": "Danmark", "identifier": "DK"}
    if profile.delivery_scope == scope.REGIONS:
        places = [r.localized_name for r in profile.delivery_regions.all()]
    else:
        places = [m.name for m in profile.delivery_municipalities.all()]
    return [{"@type": "AdministrativeArea", "name": name} for name in places]


@require_GET
def export(request, page_path, fmt):
    """/leverandoerer/eksport.csv|xlsx: the current search result (all pages) as a file, while
    fewer than ``DIRECTORY_EXPORT_SLOTS`` exports run (else 429: try again shortly)."""
    from . import exports

    page = index_page_for(DirectoryIndexPage, request)
    if page is None or request.path != f"{page.get_url(request)}eksport.{fmt}":
        raise Http404
    query = DirectoryQuery.from_querydict(request.GET).validated()
    base = page_url(page, request)
    write = exports.csv_response if fmt == "csv" else exports.xlsx_response
    sources = [
        (SupplierProfile.objects.live(), "updated_at"),
        (Tombstone.objects.filter(kind=Tombstone.Kind.SUPPLIER), "removed_at"),
    ]
    slot = exports.take_slot()
    if slot is None:
        response = TemplateResponse(
            request, "directory/export_busy.html", {"page": page}, status=429
        )
        response["Retry-After"] = str(exports.RETRY_SECONDS)
        return response
    try:
        response = conditional(
            request,
            sources,
            lambda: write(query.results(), base, exports.ranked_pks(query)),
        )
    except BaseException:
        cache.delete(slot)
        raise
    if response.streaming:
        response.streaming_content = exports.Holding(response.streaming_content, slot)
    else:
        cache.delete(slot)  # 304 Not Modified
    return response


def suggest(request, page):
    """Up to eight suggestions for the text typed in the search box (JSON, cacheable)."""
    response = JsonResponse(
        {"results": suggestions(request.GET.get("q", "")), "language": get_language()}
    )
    response["Cache-Control"] = f"public, max-age={SUGGESTION_SECONDS}"
    return response
