"""The statistics page, its CSV files and the public page of each buyer organisation."""

import csv

from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect

from wagtail.models import Locale

from cms.pages import index_page_for
from directory.exports import safe_cell
from directory.models import DirectoryIndexPage
from events.models import EventPage
from procurement.models import (
    OPEN_STATUSES,
    BuyerOrganisation,
    InterestExpression,
    TenderPlanIndexPage,
)

from .figures import cached_figures
from .queries import buyer_path, buyer_slug

SECTIONS = (
    ("suppliers", ("regioner", "kommuner", "brancher")),
    ("tenders", ("udbud-kvartal", "udbud-interesse", "reserverede")),
    ("events", ("arrangementer",)),
    ("impact", ("effekt", "maalgrupper")),
)


def statistics(request, page):
    """Figures and charts from the cache (counted afresh only after the data changed)."""
    figures = cached_figures()
    directory = index_page_for(DirectoryIndexPage, request)
    base_url = page.get_url(request)
    return page.render(
        request,
        context_overrides={
            "figures": figures,
            "key": figures.key_figures,
            "sections": {
                name: [figures.charts[slug] for slug in slugs] for name, slugs in SECTIONS
            },
            "base_url": base_url,
            "directory_url": directory.get_url(request) if directory else "",
            "buyers": [
                {**buyer, "url": buyer_path(base_url, buyer["pk"], buyer["name"])}
                for buyer in figures.buyers
            ],
        },
    )


def chart_csv(request, page, chart):
    """The numbers of one chart as CSV, in the language of the page."""
    found = cached_figures().chart(chart)
    if found is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in found.csv_rows():
        writer.writerow([safe_cell(value) for value in row])
    return response


def buyer_organisation(request, page, pk, slug):
    """A buyer's published entries, how many SØVs showed interest (names only with the SØV's
    consent) and the events it took part in."""
    organisation = BuyerOrganisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    canonical = buyer_path(page.get_url(request), organisation.pk, organisation.name)
    if slug != buyer_slug(organisation.name):
        return HttpResponseRedirect(canonical, status=301)
    interest = Q(interests__withdrawn_at__isnull=True, interests__supplier__live=True)
    entries = list(
        organisation.entries.live()
        .annotate(interest_count=Count("interests", filter=interest, distinct=True))
        .order_by("-expected_publication", "pk")
    )
    shown = (
        InterestExpression.objects.active()
        .filter(entry__in=entries, shown_publicly=True, supplier__live=True)
        .select_related("supplier")
        .order_by("supplier__name")
    )
    names = {}
    for item in shown:
        names.setdefault(item.entry_id, []).append(item.supplier)
    for entry in entries:
        entry.public_suppliers = names.get(entry.pk, [])
    open_entries = [e for e in entries if e.status in OPEN_STATUSES]
    interested = (
        InterestExpression.objects.active()
        .filter(entry__in=entries, supplier__live=True)
        .values("supplier")
        .distinct()
        .count()
    )
    tender_plan = index_page_for(TenderPlanIndexPage, request)
    directory = index_page_for(DirectoryIndexPage, request)
    return page.render(
        request,
        template="stats/buyer_organisation.html",
        context_overrides={
            "organisation": organisation,
            "open_entries": open_entries,
            "archived_entries": [e for e in entries if e.status not in OPEN_STATUSES],
            "entry_count": len(entries),
            "interested_suppliers": interested,
            "events": events_of(organisation),
            "canonical": canonical,
            "tender_url": tender_plan.get_url(request) if tender_plan else "",
            "directory_url": directory.get_url(request) if directory else "",
        },
    )


def events_of(organisation):
    """Live events the organisation took part in, each in the active language where translated."""
    keys = EventPage.objects.filter(participating_organisations=organisation).values(
        "translation_key"
    )
    active = Locale.get_active()
    chosen = {}
    for event in EventPage.objects.live().public().filter(translation_key__in=keys):
        current = chosen.get(event.translation_key)
        if current is None or event.locale_id == active.pk:
            chosen[event.translation_key] = event
    return sorted(chosen.values(), key=lambda event: event.start, reverse=True)
