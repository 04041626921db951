"""Facet keys of the live tender plan entries and their bitmaps, for ``queries.Facets``.

Each live entry carries keys for what it can be filtered and counted on, worked out here from
its fields, codes, municipalities and buyer (three queries for all entries at once). Each
process builds the bitmaps again whenever the site version changes: a saved, published,
unpublished or deleted entry or buyer starts a new one (``cms.site_cache.watch``), on every
server at once.
"""

from collections import defaultdict

from cms.site_cache import version
from directory import reference
from directory.bitmaps import ALL, BUILD_CHUNK, Bitmaps, bitmaps_for

from .forms import VALUE_RANGES
from .models import TenderPlanEntry

ANYWHERE = "geo:any"  # a buyer with no area of its own: the entry delivers everywhere
FIELDS = ("pk", "status", "procedure", "reservation", "organisation_id", "value_min", "value_max")
FIELDS += ("expected_publication", "organisation__municipality_id", "organisation__region_id")


def value_ranges_of(value_min, value_max):
    """The ``VALUE_RANGES`` keys whose ``queries.value_range_q`` takes an entry with these
    values: the range its estimate (the upper value, else the lower) lies in, or unknown."""
    estimate = value_min if value_max is None else value_max
    if estimate is None:
        return ["unknown"]
    return [
        key
        for key, (low, high, _label) in VALUE_RANGES.items()
        if key != "unknown"
        and (low is None or estimate >= low)
        and (high is None or estimate < high)
    ]


def month_key(day):
    return f"month:{day.year:04d}-{day.month:02d}"


def entry_bitmaps():
    """The live entries' bitmaps for the current site version."""
    return bitmaps_for(version(), build)


def build(version):
    codes = related(TenderPlanEntry.cpv_codes.through, "cpvcode_id")
    named = related(TenderPlanEntry.delivery_municipalities.through, "municipality_id")
    places = Places(reference.municipalities())
    rows = TenderPlanEntry.objects.live().order_by("pk").values_list(*FIELDS)
    rows = rows.iterator(chunk_size=BUILD_CHUNK)  # not all at once: see BUILD_CHUNK
    return Bitmaps.from_rows(
        version,
        ((row[0], entry_keys(row, codes[row[0]], named[row[0]], places)) for row in rows),
    )


class Places:
    """Each municipality's region and each region's municipalities."""

    def __init__(self, municipalities):
        self.region_of = {m.code: m.region_id for m in municipalities}
        self.in_region = defaultdict(list)
        for m in municipalities:
            self.in_region[m.region_id].append(m.code)


def related(through, column):
    """{live entry id: [its values of ``column`` in the relation table ``through``]}."""
    found = defaultdict(list)
    rows = through.objects.filter(tenderplanentry__live=True)
    for pk, value in rows.values_list("tenderplanentry_id", column):
        found[pk].append(value)
    return found


def entry_keys(row, codes, named, places):
    """The keys of an entry (a row of ``FIELDS``): ``status:``, ``procedure:``,
    ``reservation:``, ``org:``, ``value:`` (each range it lies in), ``month:`` (its expected
    publication), ``cpv:`` (every prefix of its codes, from the division) and its area."""
    _pk, status, procedure, reservation, organisation, value_min, value_max, day, *area = row
    keys = {ALL, f"status:{status}", f"procedure:{procedure}", f"reservation:{reservation}"}
    keys |= {f"org:{organisation}", month_key(day)}
    keys |= {f"value:{key}" for key in value_ranges_of(value_min, value_max)}
    keys |= {f"cpv:{code[:n]}" for code in codes for n in range(2, len(code) + 1)}
    return keys | geography_keys(named, *area, places)


def geography_keys(named, own_municipality, own_region, places):
    """``mun:``/``reg:`` keys for the places whose filter (``municipality_q``, ``region_q``)
    takes the entry, ``in-mun:``/``in-reg:`` for those it counts in (``Facets.geography``: the
    named municipalities, else its buyer's municipality, else its region), or ``ANYWHERE`` for
    both when neither names a place."""
    region_of = places.region_of
    if named:
        keys = {f"mun:{code}" for code in named} | {f"reg:{region_of[code]}" for code in named}
        return keys | {f"in-{key}" for key in keys}
    if not own_municipality and not own_region:
        return {ANYWHERE}
    in_region = places.in_region.get(own_region, []) if own_region else []
    keys = {f"mun:{code}" for code in in_region}
    covered = [own_municipality] if own_municipality else in_region
    keys |= {f"in-mun:{code}" for code in covered}
    keys |= {f"in-reg:{region_of[code]}" for code in covered if code in region_of}
    if own_municipality:
        keys.add(f"mun:{own_municipality}")
        if own_municipality in region_of:
            keys.add(f"reg:{region_of[own_municipality]}")
    if own_region:
        keys.add(f"reg:{own_region}")
    return keys
