"""The public figures: counted from live rows only, cached until the data changes.

Every chart is a ``Chart``: rows of numbers that the SVG, the table beside it and the CSV file
are all drawn from, so the three cannot disagree.
"""

import datetime
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear, TruncQuarter
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale

from directory import cpv
from directory.bitmaps import count_live
from directory.models import (
    IMPACT_FIELDS,
    CpvCode,
    Municipality,
    Region,
    SupplierProfile,
    TargetGroup,
)
from events.models import EventPage, Registration
from procurement.models import (
    OPEN_STATUSES,
    BuyerOrganisation,
    InterestExpression,
    Procedure,
    Reservation,
    TenderPlanEntry,
)

GENERATION_KEY = "stats:generation"
TIMEOUT = 24 * 60 * 60


@dataclass
class Row:
    """One line of a chart and its table: a code for machines, a label for people, numbers."""

    code: str
    label: str
    values: tuple
    url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.values)


@dataclass
class Chart:
    """The numbers behind one chart; ``kind`` is ``bars``, ``stacked``, ``grouped`` or ``map``."""

    slug: str
    title: str
    description: str
    label_heading: str
    columns: list
    rows: list
    kind: str = "bars"
    show_total: bool = False
    svg: str = ""

    @property
    def totals(self):
        return tuple(sum(row.values[i] for row in self.rows) for i in range(len(self.columns)))

    @property
    def grand_total(self):
        return sum(self.totals)

    def csv_rows(self):
        yield [_("Code"), self.label_heading, *self.columns]
        for row in self.rows:
            yield [row.code, row.label, *row.values]


@dataclass
class Figures:
    """Everything the statistics page shows, in one language."""

    key_figures: dict
    charts: dict
    impact: dict
    buyers: list

    def chart(self, slug):
        return self.charts.get(slug)


def cached_figures():
    """The figures in the active language: computed once, then read from the cache until a
    profile, entry, interest, event or registration changes (or the day changes)."""
    generation = cache.get(GENERATION_KEY, 0)
    key = f"stats:figures:{generation}:{get_language()}:{timezone.localdate().isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures()
        cache.set(key, figures, TIMEOUT)
    return figures


def invalidate():
    """Make the next request count again (a new generation; old entries simply expire)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def compute_figures():
    from .charts import render

    suppliers = supplier_charts()
    entries, entry_figures = entry_charts()
    events, event_figures = event_charts()
    impact, impact_charts = impact_figures()
    charts = {chart.slug: chart for chart in [*suppliers["charts"], *entries, *events]}
    charts.update({chart.slug: chart for chart in impact_charts})
    for chart in charts.values():
        chart.svg = render(chart)
    return Figures(
        key_figures={**suppliers["figures"], **entry_figures, **event_figures},
        charts=charts,
        impact=impact,
        buyers=buyer_rows(),
    )


# --- social enterprises -------------------------------------------------------------------


def supplier_charts():
    """Where the live SØVs deliver and in which CPV divisions, from their facet keys."""
    counts = count_live(["geo:%", "cpv:__000000"])
    nationwide = counts.get("geo:nat", 0)
    regions = list(Region.objects.order_by("code"))
    municipalities = list(Municipality.objects.order_by("name"))
    region_rows = [
        Row(
            code=str(region.code),
            label=region.localized_name,
            values=(
                nationwide
                + counts.get(f"geo:reg:{region.code}", 0)
                + counts.get(f"geo:loc:{region.code}", 0),
            ),
            extra={"query": f"region={region.code}"},
        )
        for region in regions
    ]
    region_names = {region.code: region.localized_name for region in regions}
    region_order = {region.code: index for index, region in enumerate(regions)}
    municipality_rows = [
        Row(
            code=str(m.code),
            label=m.name,
            values=(
                nationwide
                + counts.get(f"geo:reg:{m.region_id}", 0)
                + counts.get(f"geo:mun:{m.code}", 0),
            ),
            extra={
                "query": f"municipality={m.code}",
                "region": region_names[m.region_id],
                "region_index": region_order[m.region_id],
                "latitude": float(m.latitude),
                "longitude": float(m.longitude),
            },
        )
        for m in municipalities
    ]
    divisions = CpvCode.objects.filter(level=CpvCode.Level.DIVISION).order_by("code")
    division_rows = sorted(
        (
            Row(
                code=division.code,
                label=f"{cpv.division_digits(division.code)} {division.label}",
                values=(counts[f"cpv:{division.code}"],),
                extra={"query": f"cpv={division.code}"},
            )
            for division in divisions
            if counts.get(f"cpv:{division.code}")
        ),
        key=lambda row: (-row.total, row.code),
    )
    enterprises = _("Social enterprises")
    return {
        "figures": {"suppliers": counts.get("*", 0), "nationwide": nationwide},
        "charts": [
            Chart(
                slug="regioner",
                title=_("Social enterprises that deliver in each region"),
                description=_(
                    "Counts every live profile that delivers in the region: to the whole "
                    "country, the whole region or at least one of its municipalities."
                ),
                label_heading=_("Region"),
                columns=[enterprises],
                rows=region_rows,
            ),
            Chart(
                slug="kommuner",
                title=_("Map: social enterprises that deliver in each municipality"),
                description=_(
                    "Each of the 98 municipalities is a dot at its map point, coloured by "
                    "region; the bigger the dot, the more social enterprises deliver there."
                ),
                label_heading=_("Municipality"),
                columns=[enterprises],
                rows=municipality_rows,
                kind="map",
            ),
            Chart(
                slug="brancher",
                title=_("Social enterprises by CPV division"),
                description=_(
                    "Counts the live profiles with at least one competence in each division "
                    "of the Common Procurement Vocabulary. An enterprise can count in several."
                ),
                label_heading=_("CPV division"),
                columns=[enterprises],
                rows=division_rows,
            ),
        ],
    }


# --- tender plan --------------------------------------------------------------------------


def entry_charts():
    """Live tender-plan entries by quarter, procedure and reservation, and which got interest."""
    interested = Exists(
        InterestExpression.objects.active().filter(entry=OuterRef("pk"), supplier__live=True)
    )
    groups = (
        TenderPlanEntry.objects.live()
        .order_by()
        .annotate(quarter=TruncQuarter("expected_publication"), interested=interested)
        .values_list("quarter", "procedure", "reservation", "interested")
        .annotate(n=Count("pk"))
    )
    procedures = list(Procedure)
    by_quarter, by_procedure, by_reservation = {}, {}, {}
    for quarter, procedure, reservation, has_interest, n in groups:
        counts = by_quarter.setdefault(quarter, [0] * len(procedures))
        counts[procedures.index(procedure)] += n
        split = by_procedure.setdefault(procedure, [0, 0])
        split[0 if has_interest else 1] += n
        by_reservation[reservation] = by_reservation.get(reservation, 0) + n
    quarter_rows = [
        Row(code=f"{q.year}-Q{_quarter(q)}", label=_quarter_label(q), values=tuple(counts))
        for q, counts in sorted(by_quarter.items())
    ]
    procedure_rows = [
        Row(code=p.value, label=p.label, values=tuple(by_procedure.get(p.value, (0, 0))))
        for p in procedures
    ]
    reservation_rows = [
        Row(code=r.value, label=r.label, values=(by_reservation.get(r.value, 0),))
        for r in Reservation
    ]
    total = sum(by_reservation.values())
    with_interest = sum(split[0] for split in by_procedure.values())
    entries = _("Entries")
    charts = [
        Chart(
            slug="udbud-kvartal",
            title=_("Tender plan entries by quarter of expected publication"),
            description=_(
                "Each bar is a quarter, split by procedure. Counts the published entries, "
                "open and archived."
            ),
            label_heading=_("Quarter"),
            columns=[p.label for p in procedures],
            rows=quarter_rows,
            kind="stacked",
            show_total=True,
        ),
        Chart(
            slug="udbud-interesse",
            title=_("Tender plan entries by procedure, with and without interest"),
            description=_(
                "Each bar is a procedure, split into the entries at least one social "
                "enterprise has expressed interest in and the others."
            ),
            label_heading=_("Procedure"),
            columns=[_("Received interest"), _("No interest yet")],
            rows=procedure_rows,
            kind="stacked",
            show_total=True,
        ),
        Chart(
            slug="reserverede",
            title=_("Tender plan entries by reserved contract"),
            description=_(
                "Entries reserved for sheltered workshops and social enterprises (Public "
                "Procurement Act §20) or for public-service-mission organisations (§191)."
            ),
            label_heading=_("Reserved contract"),
            columns=[entries],
            rows=reservation_rows,
        ),
    ]
    figures = {
        "entries": total,
        "entries_with_interest": with_interest,
        "interest_percent": round(100 * with_interest / total) if total else 0,
        "reserved_entries": total - by_reservation.get(Reservation.NONE.value, 0),
    }
    return charts, figures


def _quarter(day):
    return (day.month - 1) // 3 + 1


def _quarter_label(day):
    return _("Q%(quarter)s %(year)s") % {"quarter": _quarter(day), "year": day.year}


def buyer_rows():
    """Buyer organisations with published entries: how many, how many open, how many with
    interest (three counts in one query)."""
    live = Q(entries__live=True)
    interest = (
        live
        & Q(entries__interests__withdrawn_at__isnull=True)
        & Q(entries__interests__supplier__live=True)
    )
    buyers = (
        BuyerOrganisation.objects.filter(entries__live=True)
        .annotate(
            entry_count=Count("entries", filter=live, distinct=True),
            open_count=Count(
                "entries", filter=live & Q(entries__status__in=OPEN_STATUSES), distinct=True
            ),
            interest_count=Count("entries", filter=interest, distinct=True),
        )
        .order_by("name")
        .distinct()
    )
    return [
        {
            "pk": buyer.pk,
            "name": buyer.name,
            "entries": buyer.entry_count,
            "open": buyer.open_count,
            "with_interest": buyer.interest_count,
        }
        for buyer in buyers
    ]


# --- events -------------------------------------------------------------------------------


def event_charts():
    """Events held (ended before today) per year and the people with a confirmed seat."""
    today = timezone.localdate()
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    events = EventPage.objects.live().public()
    held = events.filter(end__lt=start_of_today)
    events_per_year = dict(
        held.order_by()
        .annotate(year=ExtractYear("start"))
        .values_list("year")
        .annotate(n=Count("translation_key", distinct=True))
    )
    people_per_year = dict(
        Registration.objects.filter(
            event__in=held.values("pk"), status=Registration.Status.CONFIRMED
        )
        .order_by()
        .annotate(year=ExtractYear("event__start"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    years = sorted(set(events_per_year) | set(people_per_year))
    rows = [
        Row(
            code=str(year),
            label=str(year),
            values=(events_per_year.get(year, 0), people_per_year.get(year, 0)),
        )
        for year in years
    ]
    upcoming = events.filter(end__gte=start_of_today).values("translation_key").distinct().count()
    chart = Chart(
        slug="arrangementer",
        title=_("Events held and people registered, by year"),
        description=_(
            "Workshops, networking meetings, webinars and market dialogues that have taken "
            "place, and the people who had a confirmed seat at them."
        ),
        label_heading=_("Year"),
        columns=[_("Events held"), _("People registered")],
        rows=rows,
        kind="grouped",
        show_total=True,
    )
    held_total, people_total = chart.totals
    return [chart], {
        "events_held": held_total,
        "people_registered": people_total,
        "upcoming_events": upcoming,
    }


# --- impact -------------------------------------------------------------------------------


IMPACT_LABELS = {
    "impact_jobs_special_terms": lambda: _("People in jobs on special terms"),
    "impact_trainees": lambda: _("Trainees and people in job training"),
    "impact_into_work": lambda: _("Moved on to ordinary work or education"),
    "impact_people_reached": lambda: _("People from the target groups reached"),
}


def impact_figures():
    """Impact summed over live profiles whose owners chose to show it, and their target groups."""
    consenting = SupplierProfile.objects.live().filter(impact_public=True)
    totals = consenting.aggregate(
        profiles=Count("pk"),
        first_year=Min("impact_year"),
        last_year=Max("impact_year"),
        **{name: Sum(name) for name in IMPACT_FIELDS},
    )
    impact_rows = [
        Row(
            code=name.removeprefix("impact_"),
            label=IMPACT_LABELS[name](),
            values=(totals[name] or 0,),
        )
        for name in IMPACT_FIELDS
    ]
    through = SupplierProfile.target_groups.through.objects
    group_counts = (
        through.filter(supplierprofile__in=consenting.values("pk"))
        .order_by()
        .values_list("targetgroup__translation_key", "targetgroup__slug", "targetgroup__name")
        .annotate(n=Count("supplierprofile", distinct=True))
    )
    names = dict(
        TargetGroup.objects.filter(locale=Locale.get_active()).values_list(
            "translation_key", "name"
        )
    )
    group_rows = sorted(
        (
            Row(code=slug, label=names.get(key, name), values=(n,))
            for key, slug, name, n in group_counts
        ),
        key=lambda row: (-row.total, row.label),
    )
    charts = [
        Chart(
            slug="effekt",
            title=_("Social impact reported by the social enterprises"),
            description=_(
                "Summed over the social enterprises that chose to show their impact figures; "
                "each reports one year."
            ),
            label_heading=_("Figure"),
            columns=[_("People")],
            rows=impact_rows,
        ),
        Chart(
            slug="maalgrupper",
            title=_("Target groups of the social enterprises that report impact"),
            description=_(
                "How many of the social enterprises that show their impact figures work with "
                "each target group. An enterprise can count in several."
            ),
            label_heading=_("Target group"),
            columns=[_("Social enterprises")],
            rows=group_rows,
        ),
    ]
    impact = {
        "profiles": totals["profiles"],
        "first_year": totals["first_year"],
        "last_year": totals["last_year"],
    }
    return impact, charts
