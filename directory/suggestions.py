"""Suggestions for the directory search box, and "Did you mean …?" for a search that finds nothing.

Both draw on one vocabulary of live data in the page language: the names of live profiles, the
trade words of the synonym list (``language.synonym_groups``) and the labels of the CPV codes that
live profiles are classified under (or below). Suggestions match the typed text as a prefix or
part of a word; "Did you mean" finds the terms spelt most like the query (``pg_trgm`` similarity
on PostgreSQL, ``difflib`` on SQLite).
"""

import difflib
import hashlib
from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, IntegerField, Lookup, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .bitmaps import bitmaps_for
from .facets import data_version
from .language import synonym_groups
from .models import CpvCode, SupplierProfile
from .search import is_postgres, terms_of

MAX_SUGGESTIONS = 8
PER_KIND = 3
MIN_LENGTH = 2
MAX_TYPED = 60
CACHE_SECONDS = 300
MAX_ALTERNATIVES = 3
MIN_PROBE_LENGTH = 4


class ILike(Lookup):
    """``field ILIKE pattern``: unlike ``icontains`` (``UPPER(field) LIKE``) it can use the
    trigram index on the profile name."""

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def normalise(text):
    return " ".join(str(text or "").lower().split())[:MAX_TYPED]


def label_field():
    return "label_en" if get_language() == "en" else "label_da"


@lru_cache(maxsize=4)
def _used_codes(version):
    return frozenset(key[4:] for key in bitmaps_for(version).bitmaps if key.startswith("cpv:"))


def used_codes():
    """The CPV codes (and their ancestors) of live profiles."""
    return _used_codes(data_version())


def trade_terms():
    return sorted(synonym_groups())


def _like_pattern(text):
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _names(text):
    profiles = SupplierProfile.objects.live()
    if is_postgres():
        profiles = profiles.filter(ILike(F("name"), Value(_like_pattern(text))))
    else:
        profiles = profiles.filter(name__icontains=text)
    first = Case(When(name__istartswith=text, then=0), default=1, output_field=IntegerField())
    names = profiles.annotate(first=first).order_by("first", "name")
    return list(dict.fromkeys(names.values_list("name", flat=True)[:MAX_SUGGESTIONS]))


def _trades(text):
    found = [term for term in trade_terms() if term.startswith(text) or f" {text}" in term]
    return sorted(found, key=lambda term: (not term.startswith(text), len(term), term))


def _codes(text):
    field = label_field()
    first = Case(
        When(**{f"{field}__istartswith": text}, then=0), default=1, output_field=IntegerField()
    )
    rows = (
        CpvCode.objects.filter(**{f"{field}__icontains": text})
        .annotate(first=first)
        .order_by("first", "level", "code")
        .values_list("code", field)[:200]
    )
    used = used_codes()
    return [(code, label) for code, label in rows if code in used][:MAX_SUGGESTIONS]


def _choose(groups):
    """Up to ``PER_KIND`` of each kind, then more of each in turn, ``MAX_SUGGESTIONS`` in all."""
    taken = [group[:PER_KIND] for group in groups]
    room = MAX_SUGGESTIONS - sum(map(len, taken))
    for group, chosen in zip(groups, taken, strict=True):
        extra = group[PER_KIND : PER_KIND + max(room, 0)]
        chosen += extra
        room -= len(extra)
    return [item for chosen in taken for item in chosen][:MAX_SUGGESTIONS]


def _suggestions(text):
    names = [
        {"value": name, "kind": "supplier", "kind_label": _("Supplier")} for name in _names(text)
    ]
    trades = [{"value": term, "kind": "trade", "kind_label": _("Trade")} for term in _trades(text)]
    codes = [
        {"value": label, "kind": "cpv", "kind_label": _("CPV %(code)s") % {"code": code}}
        for code, label in _codes(text)
    ]
    return _choose([names, trades, codes])


def suggestions(typed):
    """Up to eight suggestions ({value, kind, kind_label}) for the text typed so far: live
    profile names, trade words and CPV labels, cached per language and data version."""
    text = normalise(typed)
    if len(text) < MIN_LENGTH or not terms_of(text):
        return []
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"directory-suggest:{get_language()}:{data_version()}:{digest}"
    return cache.get_or_set(key, lambda: _suggestions(text), CACHE_SECONDS)


SIMILAR_SQL = """
SELECT probe, term, code
FROM unnest(%(probes)s::text[]) AS probe
CROSS JOIN LATERAL (
    SELECT name AS term, NULL AS code FROM directory_supplierprofile
    WHERE live AND name %% probe
    UNION ALL
    SELECT {label}, code FROM directory_cpvcode WHERE {label} %% probe
    UNION ALL
    SELECT t, NULL FROM unnest(%(trades)s::text[]) AS t WHERE t %% probe
) AS found
ORDER BY similarity(term, probe) DESC, term
LIMIT 60
"""


def _similar_postgres(probes):
    """[(probe, term, CPV code or None)], the closest first."""
    sql = SIMILAR_SQL.format(label=connection.ops.quote_name(label_field()))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"probes": probes, "trades": trade_terms()})
        return cursor.fetchall()


def _similar_python(probes):
    field = label_field()
    used = used_codes()
    vocabulary = dict.fromkeys(SupplierProfile.objects.live().values_list("name", flat=True))
    vocabulary |= dict.fromkeys(trade_terms())
    vocabulary |= {
        label: code for code, label in CpvCode.objects.values_list("code", field) if code in used
    }
    lowered = {term.lower(): term for term in vocabulary}
    found = []
    for probe in probes:
        for match in difflib.get_close_matches(probe, lowered, n=5, cutoff=0.75):
            found.append((probe, lowered[match], vocabulary[lowered[match]]))
    return found


def did_you_mean(query):
    """Up to three known terms spelt like ``query`` or like one of its words that is not a known
    term itself, for a search that found nothing: live profile names, trade words and CPV labels
    in use, those like the whole query first."""
    text = normalise(query)
    words = [word for word in terms_of(text) if len(word) >= MIN_PROBE_LENGTH]
    if not words:
        return []
    probes = list(dict.fromkeys([text, *words]))
    found = _similar_postgres(probes) if is_postgres() else _similar_python(probes)
    used = used_codes()
    known = {probe for probe, term, _code in found if term.lower() == probe}
    found = [row for row in found if row[0] not in known and (row[2] is None or row[2] in used)]
    found.sort(key=lambda row: row[0] != text)  # stable: the closest first within each group
    terms = {}
    for _probe, term, _code in found:
        if term.lower() not in probes:
            terms.setdefault(term.lower(), term)
    return list(terms.values())[:MAX_ALTERNATIVES]
