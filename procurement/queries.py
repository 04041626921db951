"""The tender plan search: the state in the query string, the matching entries and facet counts.

Each facet counts with every other filter applied but not its own, with a fixed number of
queries whatever the data. The counts of a search are kept in the site cache (a saved entry or
buyer starts a new site version), so a repeated search or another page of it counts nothing.
"""

import datetime
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.http import urlencode

from cms.forms import QueryLinks
from cms.site_cache import site_cached
from directory import cpv, reference
from directory.models import CpvCode, Municipality
from directory.queries import without_unknown_codes

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
# facets with a handful of choices: grouped together their rows stay few whatever the data
SHARED = {"procedure": "procedure", "reservation": "reservation"}
VALUES = list(enumerate(VALUE_RANGES))


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
    """Counts for every filter option, each with all the other filters applied."""

    def __init__(self, query, search_ids=None):
        self.query = query
        self.search_ids = search_ids
        search = urlencode(query.params())
        digest = hashlib.sha256(search.encode()).hexdigest()
        # the reader's own matches are nobody else's; the windows start from today
        self.key = None if query.match else f"tender-facets:{timezone.localdate()}:{digest}"
        self.counted = {}

    def _cached(self, name, compute):
        if name not in self.counted:
            self.counted[name] = (
                compute() if self.key is None else site_cached(f"{self.key}:{name}", compute)
            )
        return self.counted[name]

    def _ids(self, skip):
        return self.query.filtered(skip=(skip,), search_ids=self.search_ids).order_by().values("pk")

    def _uses(self, facet):
        return bool(getattr(self.query, facet))

    def _shared(self, every_status=False):
        """The status and the facets whose own filter is not in use count the same matches
        (the status counts whatever the status filter): one grouped query counts them all, in
        at most one row per combination of their choices (the buyers count on their own)."""

        def compute():
            rows = (
                self.query.filtered(skip=("status",), search_ids=self.search_ids)
                .order_by()
                .values("status", *SHARED.values())
                .annotate(n=Count("pk"), **self._value_counts(), **self._window_counts())
            )
            return [dict(row) for row in rows]

        rows = self._cached("shared", compute)
        statuses = set(self.query.statuses)
        return rows if every_status else [row for row in rows if row["status"] in statuses]

    def _grouped(self, skip, field):
        if skip == "status" or (skip in SHARED and not self._uses(skip)):
            counts = Counter()
            for row in self._shared(every_status=skip == "status"):
                counts[row[field]] += row["n"]
            return dict(counts)

        def compute():
            rows = (
                self.query.filtered(skip=(skip,), search_ids=self.search_ids)
                .order_by()
                .values(field)
                .annotate(n=Count("pk"))
                .values_list(field, "n")
            )
            return dict(rows)

        return self._cached(skip, compute)

    def _aggregated(self, skip, aggregates):
        if not self._uses(skip):
            return {name: sum(row[name] for row in self._shared()) for name in aggregates}
        qs = self.query.filtered(skip=(skip,), search_ids=self.search_ids).order_by()
        return self._cached(skip, lambda: qs.aggregate(**aggregates))

    @property
    def count(self):
        """How many entries match (from the status counts, no query of its own)."""
        counts = self._grouped("status", "status")
        return sum(counts.get(status, 0) for status in self.query.statuses)

    def status(self):
        counts = self._grouped("status", "status")
        return [(value, label, counts.get(value, 0)) for value, label in Status.choices]

    def procedure(self):
        counts = self._grouped("procedure", "procedure")
        return [(value, label, counts.get(value, 0)) for value, label in Procedure.choices]

    def reservation(self):
        counts = self._grouped("reservation", "reservation")
        return [(value, label, counts.get(value, 0)) for value, label in Reservation.choices]

    def organisation(self):
        counts = self._grouped("organisation", "organisation_id")
        organisations = BuyerOrganisation.objects.filter(
            Q(pk__in=counts) | Q(pk__in=self.query.organisation)
        ).values_list("pk", "name")
        return [(pk, name, counts.get(pk, 0)) for pk, name in organisations]

    @staticmethod
    def _value_counts():
        return {f"value_{n}": Count("pk", filter=value_range_q(key)) for n, key in VALUES}

    @staticmethod
    def _window_counts():
        today = timezone.localdate()
        start = today.replace(day=1)
        return {
            f"window_{key}": Count(
                "pk",
                filter=Q(
                    expected_publication__gte=start,
                    expected_publication__lt=add_months(today, months),
                ),
            )
            for key, (months, _label) in WINDOWS.items()
        }

    def value(self):
        counts = self._aggregated("value", self._value_counts())
        return [(key, VALUE_RANGES[key][2], counts[f"value_{n}"]) for n, key in VALUES]

    def window(self):
        counts = self._aggregated("window", self._window_counts())
        return [(key, label, counts[f"window_{key}"]) for key, (_m, label) in WINDOWS.items()]

    def cpv(self):
        """CPV divisions with counts, plus any selected code that is not a division."""
        through = CPV_THROUGH.filter(tenderplanentry_id__in=self._ids("cpv"))
        counts = self._cached(
            "cpv",
            lambda: dict(
                through.annotate(division=Substr("cpvcode_id", 1, 2))
                .values("division")
                .annotate(n=Count("tenderplanentry_id", distinct=True))
                .values_list("division", "n")
            ),
        )
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
        """(regions with counts, [(region, [(municipality, count)])]) from three queries."""
        municipality_counts, region_counts = self._cached("geo", self._geography_counts)
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
        """({municipality code: entries}, {region code: entries}), counted in SQL: entries
        naming municipalities by those, the others by their buyer's area (its municipality,
        else its region, else everywhere)."""
        ids = self._ids("geo")
        named = MUNICIPALITY_THROUGH.filter(tenderplanentry_id__in=ids).order_by()
        municipality_counts = Counter(
            dict(
                named.values("municipality_id")
                .annotate(n=Count("tenderplanentry_id"))
                .values_list("municipality_id", "n")
            )
        )
        region_counts = Counter(
            dict(
                named.values("municipality__region_id")
                .annotate(n=Count("tenderplanentry_id", distinct=True))
                .values_list("municipality__region_id", "n")
            )
        )
        areas = (
            self.query.filtered(skip=("geo",), search_ids=self.search_ids)
            .exclude(pk__in=MUNICIPALITY_THROUGH.values("tenderplanentry_id"))
            .order_by()
            .values("organisation__municipality_id", "organisation__region_id")
            .annotate(n=Count("pk"))
            .values_list("organisation__municipality_id", "organisation__region_id", "n")
        )
        region_of = {m.code: m.region_id for m in reference.municipalities()}
        for own_municipality, own_region, n in areas:
            if own_municipality:
                covered = [own_municipality]
            elif own_region:
                covered = [code for code, region in region_of.items() if region == own_region]
            else:
                covered = list(region_of)
            for code in covered:
                municipality_counts[code] += n
            for region in {region_of[code] for code in covered if code in region_of}:
                region_counts[region] += n
        return dict(municipality_counts), dict(region_counts)
