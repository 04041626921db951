"""The tender plan search: the state in the query string, the matching entries and facet counts.

Each facet counts with every other filter applied but not its own, from the live entries'
bitmaps (``bitmaps``), so a new search costs the same whatever the number of entries.
"""

import datetime
import re
from dataclasses import dataclass, replace

from pyroaring import BitMap

from django.db.models import Q
from django.utils import timezone

from cms.forms import QueryLinks
from directory import cpv, reference
from directory.bitmaps import ALL
from directory.models import CpvCode, Municipality
from directory.queries import without_unknown_codes

from .bitmaps import ANYWHERE, entry_bitmaps, month_key
from .forms import VALUE_RANGES, WINDOWS, TenderPlanSearchForm
from .models import (
    OPEN_STATUSES,
    BuyerOrganisation,
    Procedure,
    Reservation,
    Status,
    TenderPlanEntry,
)

MAX_SEARCH_HITS = 2000
MAX_TERMS = 12
WORD_RE = re.compile(r"\w+")
CPV_THROUGH = TenderPlanEntry.cpv_codes.through.objects
MUNICIPALITY_THROUGH = TenderPlanEntry.delivery_municipalities.through.objects


def search_terms(text):
    """Only the words of a query: quotes and operators would break the search backends."""
    return " ".join(WORD_RE.findall(text or "")[:MAX_TERMS])


def add_months(day, months):
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def value_range_q(key):
    low, high, _label = VALUE_RANGES[key]
    if key == "unknown":
        return Q(value_min__isnull=True, value_max__isnull=True)
    q = Q(value_min__isnull=False) | Q(value_max__isnull=False)
    estimate_max = Q(value_max__isnull=False)
    if low is not None:
        q &= (estimate_max & Q(value_max__gte=low)) | (
            Q(value_max__isnull=True, value_min__gte=low)
        )
    if high is not None:
        q &= (estimate_max & Q(value_max__lt=high)) | (
            Q(value_max__isnull=True, value_min__lt=high)
        )
    return q


def municipality_q(code):
    """Entries delivering in the municipality: named there, or its buyer covers it."""
    region_of = Municipality.objects.filter(code=code).values("region_id")
    named = Q(pk__in=MUNICIPALITY_THROUGH.filter(municipality_id=code).values("tenderplanentry_id"))
    unnamed = ~Q(pk__in=MUNICIPALITY_THROUGH.values("tenderplanentry_id"))
    own_area = (
        Q(organisation__municipality_id=code)
        | Q(organisation__region_id__in=region_of)
        | Q(organisation__municipality__isnull=True, organisation__region__isnull=True)
    )
    return named | (unnamed & own_area)


def region_q(code):
    named = Q(
        pk__in=MUNICIPALITY_THROUGH.filter(municipality__region_id=code).values(
            "tenderplanentry_id"
        )
    )
    unnamed = ~Q(pk__in=MUNICIPALITY_THROUGH.values("tenderplanentry_id"))
    own_area = (
        Q(organisation__municipality__region_id=code)
        | Q(organisation__region_id=code)
        | Q(organisation__municipality__isnull=True, organisation__region__isnull=True)
    )
    return named | (unnamed & own_area)


@dataclass(frozen=True)
class TenderPlanQuery(QueryLinks):
    """What the visitor asked for, read leniently from the query string (junk is dropped)."""

    q: str = ""
    cpv: tuple = ()
    organisation: tuple = ()
    municipality: int | None = None
    region: int | None = None
    procedure: tuple = ()
    reservation: tuple = ()
    value: tuple = ()
    window: str = ""
    status: tuple = ()
    ignored: tuple = ()
    match: bool = False
    match_ids: tuple | None = None  # entries matching the reader's SØV profiles, set by the view

    @classmethod
    def from_querydict(cls, data):
        """Read through ``TenderPlanSearchForm``; values it can't read are listed in ``ignored``."""
        return TenderPlanSearchForm(data).query(cls)

    def validated(self):
        """The same query with unknown codes dropped and listed in ``ignored``."""
        return without_unknown_codes(self)

    @property
    def statuses(self):
        return self.status or OPEN_STATUSES

    @property
    def is_archive(self):
        return bool(self.status) and not set(self.status) & set(OPEN_STATUSES)

    @property
    def has_filters(self):
        return bool(
            self.q
            or self.cpv
            or self.organisation
            or self.municipality
            or self.region
            or self.procedure
            or self.reservation
            or self.value
            or self.window
            or self.status
            or self.match
        )

    def params(self, **changes):
        state = replace(self, **changes)
        pairs = [("q", state.q)] if state.q else []
        pairs += [("cpv", code) for code in state.cpv]
        pairs += [("organisation", pk) for pk in state.organisation]
        if state.municipality:
            pairs.append(("municipality", state.municipality))
        if state.region:
            pairs.append(("region", state.region))
        pairs += [("procedure", v) for v in state.procedure]
        pairs += [("reservation", v) for v in state.reservation]
        pairs += [("value", v) for v in state.value]
        if state.window:
            pairs.append(("window", state.window))
        pairs += [("status", v) for v in state.status]
        if state.match:
            pairs.append(("match", "1"))
        return pairs

    # --- querysets -------------------------------------------------------------------------

    def search_ids(self):
        """Ids of live entries matching the full-text query (one search query)."""
        terms = search_terms(self.q)
        if not terms:
            return []
        results = TenderPlanEntry.objects.live().search(
            terms, operator="and", order_by_relevance=False
        )
        return [entry.pk for entry in results[:MAX_SEARCH_HITS]]

    def filtered(self, skip=(), search_ids=None, base=None):
        """Live entries (or those of ``base``) matching the search and every filter except
        those in ``skip``; the full-text search covers live entries only."""
        qs = TenderPlanEntry.objects.live() if base is None else base
        if self.q:
            qs = qs.filter(pk__in=self.search_ids() if search_ids is None else search_ids)
        if self.match and self.match_ids is not None:
            qs = qs.filter(pk__in=self.match_ids)
        if "status" not in skip:
            qs = qs.filter(status__in=self.statuses)
        if self.cpv and "cpv" not in skip:
            qs = qs.filter(
                pk__in=CPV_THROUGH.filter(cpv.prefix_q(self.cpv, "cpvcode")).values(
                    "tenderplanentry_id"
                )
            )
        if self.organisation and "organisation" not in skip:
            qs = qs.filter(organisation_id__in=self.organisation)
        if "geo" not in skip:
            if self.municipality:
                qs = qs.filter(municipality_q(self.municipality))
            if self.region:
                qs = qs.filter(region_q(self.region))
        if self.procedure and "procedure" not in skip:
            qs = qs.filter(procedure__in=self.procedure)
        if self.reservation and "reservation" not in skip:
            qs = qs.filter(reservation__in=self.reservation)
        if self.value and "value" not in skip:
            q = Q(pk__in=[])
            for key in self.value:
                q |= value_range_q(key)
            qs = qs.filter(q)
        if self.window and "window" not in skip:
            today = timezone.localdate()
            qs = qs.filter(
                expected_publication__gte=today.replace(day=1),
                expected_publication__lt=add_months(today, WINDOWS[self.window][0]),
            )
        return qs

    def results(self, search_ids=None):
        qs = self.filtered(search_ids=search_ids)
        if self.is_archive:
            return qs.order_by("-expected_publication", "-pk")
        return qs.order_by("expected_publication", "pk")


class Facets:
    """Counts for every filter option, each with all the other filters applied, from the live
    entries' bitmaps (``bitmaps``): intersections in memory, whatever the number of matches."""

    def __init__(self, query, search_ids=None):
        self.query = query
        self.index = entry_bitmaps()
        self.filters = self._filters(search_ids)
        self.matched = {}

    def _filters(self, search_ids):
        """{facet: BitMap of the entries its filter takes} for the filters in use."""
        query, index = self.query, self.index
        filters = {}
        if query.q:
            ids = query.search_ids() if search_ids is None else search_ids
            filters["q"] = BitMap(index.positions(ids))
        if query.match and query.match_ids is not None:
            filters["match"] = BitMap(index.positions(query.match_ids))
        filters["status"] = index.any_of(f"status:{value}" for value in query.statuses)
        if query.cpv:
            codes = filter(None, map(cpv.normalise, query.cpv))
            filters["cpv"] = index.any_of(f"cpv:{cpv.prefix_of(code)}" for code in codes)
        if query.organisation:
            filters["organisation"] = index.any_of(f"org:{pk}" for pk in query.organisation)
        places = [f"mun:{query.municipality}"] if query.municipality else []
        places += [f"reg:{query.region}"] if query.region else []
        if places:
            filters["geo"] = index.matching([[place, ANYWHERE] for place in places])
        for facet in ("procedure", "reservation", "value"):
            if getattr(query, facet):
                filters[facet] = index.any_of(f"{facet}:{v}" for v in getattr(query, facet))
        if query.window:
            filters["window"] = index.any_of(self._months(WINDOWS[query.window][0]))
        return filters

    def _matches(self, skip=None):
        """The entries matching every filter but ``skip``'s."""
        if skip not in self.matched:
            others = [bitmap for facet, bitmap in self.filters.items() if facet != skip]
            within = BitMap.intersection(*others) if others else None
            self.matched[skip] = self.index.matching([], within=within)
        return self.matched[skip]

    def _counts(self, skip, prefix, value="%"):
        """{value: matches but ``skip``'s carrying the key ``prefix`` + value} (``value`` a
        LIKE pattern)."""
        counts = self.index.count(self._matches(skip), [prefix + value])
        return {key[len(prefix) :]: n for key, n in counts.items() if key != ALL}

    def _count(self, skip, keys):
        return self._matches(skip).intersection_cardinality(self.index.any_of(keys))

    @staticmethod
    def _months(months):
        """The ``month:`` keys of a window: this month and the ``months - 1`` after it."""
        today = timezone.localdate()
        return [month_key(add_months(today, n)) for n in range(months)]

    @property
    def count(self):
        """How many entries match."""
        return len(self._matches())

    def _choices(self, facet, choices):
        counts = self._counts(facet, f"{facet}:")
        return [(value, label, counts.get(value, 0)) for value, label in choices]

    def status(self):
        return self._choices("status", Status.choices)

    def procedure(self):
        return self._choices("procedure", Procedure.choices)

    def reservation(self):
        return self._choices("reservation", Reservation.choices)

    def organisation(self):
        counts = {int(pk): n for pk, n in self._counts("organisation", "org:").items()}
        organisations = BuyerOrganisation.objects.filter(
            Q(pk__in=counts) | Q(pk__in=self.query.organisation)
        ).values_list("pk", "name")
        return [(pk, name, counts.get(pk, 0)) for pk, name in organisations]

    def value(self):
        counts = self._counts("value", "value:")
        return [(key, label, counts.get(key, 0)) for key, (_l, _h, label) in VALUE_RANGES.items()]

    def window(self):
        return [
            (key, label, self._count("window", self._months(months)))
            for key, (months, label) in WINDOWS.items()
        ]

    def cpv(self):
        """CPV divisions with counts, plus any selected code that is not a division."""
        counts = self._counts("cpv", "cpv:", "__")  # the divisions' keys
        codes = sorted(
            {*reference.cpv_divisions(), *reference.cpv_codes(tuple(self.query.cpv))},
            key=lambda code: code.code,
        )
        options = []
        for code in codes:
            if code.level == CpvCode.Level.DIVISION:
                count = counts.get(cpv.division_digits(code.code), 0)
                if count or code.code in self.query.cpv:
                    options.append((code.code, code.label, count))
            else:
                options.append((code.code, code.label, None))
        return options

    def geography(self):
        """(regions with counts, [(region, [(municipality, count)])])."""
        municipality_counts, region_counts = self._geography_counts()
        municipalities = reference.municipalities()
        region = {r.code: r for r in reference.regions()}
        regions, grouped = [], {}
        for m in municipalities:
            if m.region_id not in grouped:
                grouped[m.region_id] = (region[m.region_id], [])
                regions.append((region[m.region_id], region_counts.get(m.region_id, 0)))
            grouped[m.region_id][1].append((m, municipality_counts.get(m.code, 0)))
        regions.sort(key=lambda pair: pair[0].name)
        return regions, sorted(grouped.values(), key=lambda pair: pair[0].name)

    def _geography_counts(self):
        """({municipality code: entries}, {region code: entries}): entries naming
        municipalities by those, the others by their buyer's area (its municipality, else its
        region, else everywhere: ``ANYWHERE``)."""
        everywhere = self._count("geo", [ANYWHERE])
        counts = [
            {int(code): n + everywhere for code, n in self._counts("geo", prefix).items()}
            for prefix in ("in-mun:", "in-reg:")
        ]
        for place in reference.municipalities():
            counts[0].setdefault(place.code, everywhere)
            counts[1].setdefault(place.region_id, everywhere)
        return counts[0], counts[1]
