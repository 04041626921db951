"""How well a SØV profile fits a tender plan entry, and why, computed in the database.

A pair (entry, live profile) is a match when they share CPV codes in the hierarchy or words of
the entry (``TenderPlanEntry.match_terms``, parsed like a directory search) are in the profile's
search vector. Its score adds the closest CPV level (same code > category > class > group >
division), the share of the entry's words found, the geography (the profile delivers to one of the
entry's municipalities, their region, or nationwide), reservation (a reserved entry matches only
eligible profiles) and capacity against the entry's yearly value. On PostgreSQL one query scores
all pairs of a set of entries and a set of profiles; SQLite (``make run``) has a simpler Python
fallback: CPV, geography, reservation and capacity alike, words by plain substring.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from directory.models import SupplierProfile

from .models import Reservation

CPV_POINTS = {8: 40, 5: 32, 4: 26, 3: 20, 2: 10}
WORD_POINTS = 25
GEO_POINTS = {"municipality": 15, "region": 12, "national": 10}
RESERVED_POINTS = 10
CAPACITY_FIT, CAPACITY_SHORT = 5, -15
CAPACITY_LIMITS = {"xs": 100_000, "s": 500_000, "m": 2_000_000, "l": 10_000_000}
LIMIT = 20


@dataclass
class Match:
    entry_id: int
    profile_id: int
    score: int
    profile_name: str
    profile_slug: str
    entry_title: str
    row: dict = field(repr=False)

    @property
    def reasons(self):
        """The reasons in the active language, most telling first."""
        return reasons_of(self.row)

    @property
    def reason_text(self):
        return " · ".join(self.reasons)


def reasons_of(row):
    english = (get_language() or "").startswith("en")
    reasons = []
    if row["cpv_level"]:
        label = row["cpv_label_en"] if english else row["cpv_label_da"]
        cpv = _("CPV %(code)s %(label)s") % {"code": row["cpv_code"], "label": label}
        level = {
            5: _("same category: %(cpv)s"),
            4: _("same class: %(cpv)s"),
            3: _("same group: %(cpv)s"),
            2: _("same division: %(cpv)s"),
        }.get(row["cpv_level"])
        reasons.append(level % {"cpv": cpv} if level else cpv)
    if row["found"]:
        reasons.append(_("mentions %(words)s") % {"words": ", ".join(row["found"])})
    geo = row["geo_kind"]
    if geo == "municipality":
        reasons.append(_("delivers in %(name)s Municipality") % {"name": row["geo_da"]})
    elif geo == "region":
        reasons.append(_("delivers in %(name)s") % {"name": row["geo_en" if english else "geo_da"]})
    elif geo == "national":
        reasons.append(_("delivers nationwide"))
    if row["reserved"]:
        reasons.append(_("can bid for reserved contracts"))
    if row["capacity_fit"] is True:
        reasons.append(_("has the capacity for a contract of this size"))
    return reasons


def yearly_value(entry):
    """The entry's estimated value per year (DKK), or None when not known."""
    value = entry.value_estimate
    if value is None:
        return None
    years = max(1, (entry.contract_duration_months or 12) / 12)
    return int(value / years)


def profiles_for_entry(entry, limit=LIMIT):
    """The best live profiles for ``entry``, best first: one query."""
    return matches(entry_ids=[entry.pk], limit=limit)


def entries_for_profiles(profile_ids, entry_ids=None, limit=LIMIT):
    """Entries (all of ``entry_ids``, else every entry) for the profiles, best first, each entry
    once (its best profile): one query."""
    best = {}
    for match in matches(entry_ids=entry_ids, profile_ids=profile_ids, limit=None):
        best.setdefault(match.entry_id, match)
    return list(best.values())[:limit]


def matches(entry_ids=None, profile_ids=None, limit=LIMIT):
    """Scored pairs of the entries and live profiles named (None: all), best first."""
    if entry_ids is not None and not entry_ids or profile_ids is not None and not profile_ids:
        return []
    rows = (_sql_rows if connection.vendor == "postgresql" else _python_rows)(
        entry_ids, profile_ids, limit
    )
    return [
        Match(
            entry_id=row["entry_id"],
            profile_id=row["profile_id"],
            score=int(row["score"]),
            profile_name=row["profile_name"],
            profile_slug=row["profile_slug"],
            entry_title=row["entry_title"],
            row=row,
        )
        for row in rows
    ]


def _case(column, points, default=0):
    whens = " ".join(f"WHEN {key!r} THEN {value}" for key, value in points.items())
    return f"(CASE {column} {whens} ELSE {default} END)"


MATCH_SQL = """
WITH e AS (
    SELECT e.id, e.title, e.reservation, o.municipality_id AS org_municipality,
           o.region_id AS org_region,
           e.match_terms,
           (SELECT string_agg('(' || (t->>1) || ')', ' | ')
              FROM jsonb_array_elements(e.match_terms) t) AS any_word,
           ARRAY(SELECT t->>0 FROM jsonb_array_elements(e.match_terms) t) AS words,
           ARRAY(SELECT to_tsquery('danish', t->>1) FROM jsonb_array_elements(e.match_terms) t)
             AS word_queries,
           COALESCE(e.value_max, e.value_min)
             / GREATEST(1, COALESCE(e.contract_duration_months, 12) / 12.0) AS yearly_value
    FROM procurement_tenderplanentry e
    JOIN procurement_buyerorganisation o ON o.id = e.organisation_id
    WHERE {entry_filter}
),
area AS (
    SELECT dm.tenderplanentry_id AS entry_id, dm.municipality_id AS code
    FROM procurement_tenderplanentry_delivery_municipalities dm
    JOIN e ON e.id = dm.tenderplanentry_id
    UNION
    SELECT e.id, m.code FROM e
    JOIN directory_municipality m ON m.code = e.org_municipality OR m.region_id = e.org_region
    WHERE NOT EXISTS (
        SELECT 1 FROM procurement_tenderplanentry_delivery_municipalities dm
        WHERE dm.tenderplanentry_id = e.id
    )
),
p AS (
    SELECT id, name, slug, search_vector, delivery_scope, reserved_contract_eligible,
           contract_capacity
    FROM directory_supplierprofile WHERE live AND {profile_filter}
),
cpv AS (
    SELECT DISTINCT ON (ec.tenderplanentry_id, pc.supplierprofile_id)
           ec.tenderplanentry_id AS entry_id, pc.supplierprofile_id AS profile_id,
           lvl.k AS cpv_level, COALESCE(s.code, ec.cpvcode_id) AS cpv_code,
           COALESCE(s.label_da, '') AS cpv_label_da, COALESCE(s.label_en, '') AS cpv_label_en
    FROM procurement_tenderplanentry_cpv_codes ec
    JOIN e ON e.id = ec.tenderplanentry_id
    JOIN directory_supplierprofile_cpv_codes pc
      ON left(pc.cpvcode_id, 2) = left(ec.cpvcode_id, 2)
     AND pc.supplierprofile_id IN (SELECT id FROM p)
    CROSS JOIN LATERAL (
        SELECT max(k) AS k FROM unnest(ARRAY[2, 3, 4, 5, 8]) AS k
        WHERE left(pc.cpvcode_id, k) = left(ec.cpvcode_id, k)
    ) lvl
    LEFT JOIN directory_cpvcode s ON s.code = rpad(left(ec.cpvcode_id, lvl.k), 8, '0')
    ORDER BY ec.tenderplanentry_id, pc.supplierprofile_id, lvl.k DESC, s.code
),
words AS (
    SELECT e.id AS entry_id, p.id AS profile_id,
           ARRAY(
               SELECT w FROM unnest(e.words, e.word_queries) AS x(w, q) WHERE p.search_vector @@ q
           ) AS found,
           jsonb_array_length(e.match_terms) AS terms
    FROM e JOIN p ON p.search_vector @@ to_tsquery('danish', e.any_word)
    WHERE e.any_word IS NOT NULL
),
pairs AS (
    SELECT entry_id, profile_id FROM cpv UNION SELECT entry_id, profile_id FROM words
),
scored AS (
    SELECT pairs.entry_id, pairs.profile_id, e.title AS entry_title,
           p.name AS profile_name, p.slug AS profile_slug,
           cpv.cpv_level, cpv.cpv_code, cpv.cpv_label_da, cpv.cpv_label_en,
           COALESCE(words.found, ARRAY[]::text[]) AS found,
           geo.kind AS geo_kind, geo.name_da AS geo_da, geo.name_en AS geo_en,
           (e.reservation <> 'none') AS reserved,
           CASE WHEN e.yearly_value IS NULL OR p.contract_capacity = '' THEN NULL
                ELSE e.yearly_value <= {capacity_limit} END AS capacity_fit,
           COALESCE(words.terms, 0) AS terms
    FROM pairs
    JOIN e ON e.id = pairs.entry_id
    JOIN p ON p.id = pairs.profile_id
    LEFT JOIN cpv ON cpv.entry_id = pairs.entry_id AND cpv.profile_id = pairs.profile_id
    LEFT JOIN words ON words.entry_id = pairs.entry_id AND words.profile_id = pairs.profile_id
    LEFT JOIN LATERAL (
        SELECT * FROM (
            SELECT 'municipality' AS kind, m.name AS name_da, m.name AS name_en, 0 AS rank
            FROM directory_supplierprofile_delivery_municipalities dm
            JOIN directory_municipality m ON m.code = dm.municipality_id
            JOIN area ON area.entry_id = e.id AND area.code = m.code
            WHERE dm.supplierprofile_id = p.id AND p.delivery_scope = 'municipalities'
            UNION ALL
            SELECT DISTINCT 'region', r.name, r.name_en, 1
            FROM directory_supplierprofile_delivery_regions dr
            JOIN directory_region r ON r.code = dr.region_id
            JOIN directory_municipality m ON m.region_id = r.code
            JOIN area ON area.entry_id = e.id AND area.code = m.code
            WHERE dr.supplierprofile_id = p.id AND p.delivery_scope = 'regions'
            UNION ALL
            SELECT 'national', '', '', 2 WHERE p.delivery_scope = 'national'
        ) places ORDER BY rank, name_da LIMIT 1
    ) geo ON true
    WHERE e.reservation = 'none' OR p.reserved_contract_eligible
)
SELECT *, (
    {cpv_points}
    + CASE WHEN terms > 0 THEN {word_points} * cardinality(found) / terms ELSE 0 END
    + {geo_points}
    + CASE WHEN reserved THEN {reserved_points} ELSE 0 END
    + CASE capacity_fit WHEN true THEN {capacity_fit} WHEN false THEN {capacity_short} ELSE 0 END
) AS score
FROM scored
ORDER BY score DESC, profile_name, profile_id, entry_id
{limit}
"""


def _sql_rows(entry_ids, profile_ids, limit):
    params = {"entries": entry_ids, "profiles": profile_ids, "limit": limit}
    sql = MATCH_SQL.format(
        entry_filter="e.id = ANY(%(entries)s)" if entry_ids is not None else "true",
        profile_filter="id = ANY(%(profiles)s)" if profile_ids is not None else "true",
        capacity_limit=_case("p.contract_capacity", CAPACITY_LIMITS, default="'Infinity'::numeric"),
        cpv_points=_case("cpv_level", CPV_POINTS),
        word_points=WORD_POINTS,
        geo_points=_case("geo_kind", GEO_POINTS),
        reserved_points=RESERVED_POINTS,
        capacity_fit=CAPACITY_FIT,
        capacity_short=CAPACITY_SHORT,
        limit="LIMIT %(limit)s" if limit is not None else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


def _common_level(a, b):
    return max((k for k in CPV_POINTS if a[:k] == b[:k]), default=0)


def _python_rows(entry_ids, profile_ids, limit):
    """The SQLite fallback: the same rows, scored in Python (words by substring)."""
    from directory.models import CpvCode, Municipality

    from .models import TenderPlanEntry

    entries = TenderPlanEntry.objects.select_related("organisation").prefetch_related(
        "cpv_codes", "delivery_municipalities"
    )
    profiles = SupplierProfile.objects.live().prefetch_related(
        "cpv_codes", "delivery_municipalities", "delivery_regions"
    )
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=profile_ids)
    labels = {c.code: c for c in CpvCode.objects.all()}
    municipalities = list(Municipality.objects.select_related("region"))
    profiles = list(profiles)
    rows = []
    for entry in entries:
        area = {m.code for m in entry.delivery_municipalities.all()}
        area = area or entry.organisation.covered_municipalities(municipalities) or set()
        regions = {m.region for m in municipalities if m.code in area}
        for profile in profiles:
            row = _python_row(entry, profile, labels, area, regions)
            if row:
                rows.append(row)
    rows.sort(key=lambda r: (-r["score"], r["profile_name"], r["profile_id"], r["entry_id"]))
    return rows[:limit] if limit is not None else rows


def _python_row(entry, profile, labels, area, regions):
    if entry.reservation != Reservation.NONE and not profile.reserved_contract_eligible:
        return None
    level, code = 0, None
    for ours in entry.cpv_codes.all():
        for theirs in profile.cpv_codes.all():
            common = _common_level(ours.code, theirs.code)
            if common > level:
                level, code = common, ours.code[:common].ljust(8, "0")
    text = f"{profile.name} {profile.search_keywords} {profile.search_document}".lower()
    found = [word for word, _query in entry.match_terms if word in text]
    if not level and not found:
        return None
    geo_kind, geo_da, geo_en = None, "", ""
    scope = profile.delivery_scope
    places = [m for m in profile.delivery_municipalities.all() if m.code in area]
    shared_regions = [r for r in profile.delivery_regions.all() if r in regions]
    if scope == SupplierProfile.DeliveryScope.MUNICIPALITIES and places:
        geo_kind, geo_da = "municipality", min(m.name for m in places)
        geo_en = geo_da
    elif scope == SupplierProfile.DeliveryScope.REGIONS and shared_regions:
        region = min(shared_regions, key=lambda r: r.name)
        geo_kind, geo_da, geo_en = "region", region.name, region.name_en
    elif scope == SupplierProfile.DeliveryScope.NATIONAL:
        geo_kind = "national"
    value = yearly_value(entry)
    fit = None
    if value is not None and profile.contract_capacity:
        fit = value <= CAPACITY_LIMITS.get(profile.contract_capacity, float("inf"))
    label = labels.get(code)
    terms = len(entry.match_terms)
    reserved = entry.reservation != Reservation.NONE
    score = (
        CPV_POINTS.get(level, 0)
        + (WORD_POINTS * len(found) // terms if terms else 0)
        + GEO_POINTS.get(geo_kind, 0)
        + (RESERVED_POINTS if reserved else 0)
        + {True: CAPACITY_FIT, False: CAPACITY_SHORT}.get(fit, 0)
    )
    return {
        "entry_id": entry.pk,
        "profile_id": profile.pk,
        "entry_title": entry.title,
        "profile_name": profile.name,
        "profile_slug": profile.slug,
        "cpv_level": level or None,
        "cpv_code": code,
        "cpv_label_da": label.label_da if label else "",
        "cpv_label_en": label.label_en if label else "",
        "found": found,
        "geo_kind": geo_kind,
        "geo_da": geo_da,
        "geo_en": geo_en,
        "reserved": reserved,
        "capacity_fit": fit,
        "score": score,
    }
