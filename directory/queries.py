"""The directory search: the state in the query string, the matching profiles and facet counts.

Filters and counts both work on each profile's facet keys (see ``facets``): filters are index
lookups, and every facet counts with all other filters applied but not its own, in one query
per facet in use, so the number of queries never depends on the data. A page of results is a
slice of the match bitmap (by name), of the words' ranked matches (by relevance) or of the live
profiles newest first (``Bitmaps.newest``) within the matches, so a deep page sorts nothing.
"""

import hashlib
from array import array
from dataclasses import dataclass, field, replace
from itertools import islice
from urllib.parse import urlencode

import numpy as np
from pyroaring import BitMap

from django.core.cache import cache
from django.db import connection
from django.db.models import FloatField, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from cms.forms import QueryLinks
from cms.request_cache import memoised

from . import cpv, reference
from .bitmaps import NEWEST_FIRST, bitmaps_for
from .facets import ALL, FLAG_FIELDS, data_version, has_any_key
from .forms import DirectorySearchForm, query_problem_text
from .models import CpvCode, SupplierProfile
from .search import apply_search, matching_pks, ranked_matches

FACET_CACHE_SECONDS = 300
FLAGS = {
    "rsv": (FLAG_FIELDS["rsv"], _("Verified RSV only")),
    "reserved": (FLAG_FIELDS["reserved"], _("Eligible for reserved contracts")),
    "consortia": (FLAG_FIELDS["consortia"], _("Open to consortia")),
}
CLEARED = {  # the facets with a filter of their own, and how to leave it out
    "cpv": {"cpv": ()},
    "geo": {"municipality": None, "region": None},
    "target_groups": {"target_groups": ()},
    "tags": {"tags": ()},
}
FACETS = tuple(CLEARED)
SHOWN_KEYS = ("cpv:__000000", "geo:%", "tg:%", "tag:%", "flag:%")  # CPV: the divisions
PROFILES = SupplierProfile.objects


def without_unknown_codes(query):
    """``query`` with CPV, municipality and region codes that don't exist dropped and listed in
    ``ignored`` (from the reference data, no query)."""
    codes = cpv.known(query.cpv)
    ignored = [("cpv", code) for code in query.cpv if code not in codes]
    municipality, region = query.municipality, query.region
    if municipality and reference.municipality(municipality) is None:
        ignored.append(("municipality", str(municipality)))
        municipality = None
    if region and reference.region(region) is None:
        ignored.append(("region", str(region)))
        region = None
    return replace(
        query,
        cpv=codes,
        municipality=municipality,
        region=region,
        ignored=(*query.ignored, *ignored),
    )


@dataclass(frozen=True)
class DirectoryQuery(QueryLinks):
    """What the visitor asked for, read leniently from the query string (junk is dropped)."""

    q: str = ""
    cpv: tuple = ()
    cpv_q: str = ""
    municipality: int | None = None
    region: int | None = None
    target_groups: tuple = ()
    tags: tuple = ()
    flags: frozenset = field(default_factory=frozenset)
    sort: str = ""
    ignored: tuple = ()
    problem: str = ""  # why the words can't be searched (``forms.QUERY_PROBLEMS``)

    @classmethod
    def from_querydict(cls, data):
        """Read through ``DirectorySearchForm``; values it can't read are listed in ``ignored``."""
        return DirectorySearchForm(data).query(cls)

    def validated(self):
        """The same query with unknown codes dropped and listed in ``ignored``."""
        return without_unknown_codes(self)

    @property
    def ignored_text(self):
        """The filter values left out because they are unknown, for the visitor."""
        labels = {
            "cpv": _("CPV code %(value)s"),
            "municipality": _("municipality %(value)s"),
            "region": _("region %(value)s"),
        }
        return ", ".join(str(labels[kind] % {"value": value}) for kind, value in self.ignored)

    @property
    def query_problem(self):
        """Why the words can't be searched as typed, for the visitor (or "")."""
        return query_problem_text(self.problem)

    @property
    def effective_sort(self):
        """The order asked for; by default relevance for words, otherwise name."""
        if self.sort == "relevance" and not self.q:
            return "name"
        return self.sort or ("relevance" if self.q else "name")

    def params(self, **changes):
        """The query as (key, value) pairs for a URL, with some parts replaced."""
        state = replace(self, **changes)
        pairs = [("q", state.q)] if state.q else []
        pairs += [("cpv", code) for code in state.cpv]
        if state.cpv_q:
            pairs.append(("cpv_q", state.cpv_q))
        if state.municipality:
            pairs.append(("municipality", state.municipality))
        if state.region:
            pairs.append(("region", state.region))
        pairs += [("target_group", slug) for slug in state.target_groups]
        pairs += [("tag", slug) for slug in state.tags]
        pairs += [(key, "1") for key in FLAGS if key in state.flags]
        if state.sort:
            pairs.append(("sort", state.sort))
        return pairs

    @property
    def has_filters(self):
        return bool(
            self.cpv
            or self.municipality
            or self.region
            or self.target_groups
            or self.tags
            or self.flags
        )

    # --- querysets -------------------------------------------------------------------------

    def filtered(self):
        """Live profiles matching the search and every filter."""
        qs = PROFILES.live()
        if self.problem:
            return qs.none().annotate(rank=Value(0.0, output_field=FloatField()))
        if self.q:
            qs = apply_search(qs, self.q)
        for keys in self.required_keys():
            qs = qs.filter(has_any_key(keys))
        return qs

    def matching_profiles(self):
        """The profiles of ``filtered`` without a rank, from the match bitmap: for lists in
        another order (the API), the words matched from the postings, not every vector."""
        if self.problem:
            return PROFILES.none()
        pks = bitmaps_for(self.data_version).pks_at(self.matches())
        if connection.vendor == "postgresql":  # one array: an IN list of thousands plans slowly
            return PROFILES.live().filter(pk__in=RawSQL("SELECT unnest(%s::int[])", [pks]))
        return PROFILES.live().filter(pk__in=pks)

    def required_keys(self):
        """The filters as lists of facet keys: a match carries at least one key of each."""
        required = []
        if self.cpv:
            required.append([f"cpv:{code}" for code in self.cpv])
        if self.municipality:
            region = self.municipality_region
            required.append(["geo:nat", f"geo:reg:{region}", f"geo:mun:{self.municipality}"])
        if self.region:
            required.append(["geo:nat", f"geo:reg:{self.region}", f"geo:loc:{self.region}"])
        if self.target_groups:
            required.append([f"tg:{slug}" for slug in self.target_groups])
        if self.tags:
            required.append([f"tag:{pk}" for pk in self.tag_ids])
        required += [[f"flag:{key}"] for key in sorted(self.flags)]
        return required

    def counted(self, patterns):
        """The keys matching ``patterns`` counted over the matches, from the bitmaps."""
        if self.problem:
            return {}
        bitmaps = bitmaps_for(self.data_version)
        return bitmaps.count(self.matches(), patterns)

    def matches(self):
        """The bitmap of the matching profiles' positions: the words are matched in SQL (once
        per search, see ``ranked``; unranked when sorted otherwise), the filters in memory."""
        bitmaps = bitmaps_for(self.data_version)

        def compute():
            within = None
            if self.q:
                ranks = self.effective_sort == "relevance"
                within = BitMap(self.ranked() if ranks else self.word_matches())
            return bitmaps.matching(self.required_keys(), within)

        key = ("directory-matches", self.data_version, self.q, repr(self.required_keys()))
        return memoised(key, compute)

    def ranked(self):
        """The positions of the live profiles matching the words, best first, then by name and
        id (as ``results`` orders them).

        Every match is ranked from the postings, read in one SQL query
        (``search.ranked_matches``); the order is shared through the cache until a profile
        changes, so another page, filter or sort of the same words ranks nothing again.
        """
        bitmaps = bitmaps_for(self.data_version)

        def compute():
            stored = cache.get(self.cache_key("ranked"))
            if stored is not None:
                return bitmaps.positions(array("I", stored))
            order = bitmaps.best_first(*ranked_matches(self.q))
            cache.set(
                self.cache_key("ranked"), bitmaps.pks_at(order).tobytes(), FACET_CACHE_SECONDS
            )
            return order

        return memoised(("directory-ranked", self.data_version, self.q), compute)

    def word_matches(self):
        """The positions of the live profiles matching the words, in no order: the ranked
        order if the cache has it, else from one SQL query that ranks nothing (cached too)."""
        bitmaps = bitmaps_for(self.data_version)

        def compute():
            ranked, matched = self.cache_key("ranked"), self.cache_key("matched")
            stored = cache.get_many([ranked, matched])
            if stored:
                return bitmaps.positions(array("I", stored.get(ranked, stored.get(matched))))
            pks = matching_pks(self.q).astype(np.uint32)
            cache.set(matched, pks.tobytes(), FACET_CACHE_SECONDS)
            return bitmaps.positions(pks)

        return memoised(("directory-word-matches", self.data_version, self.q), compute)

    def cache_key(self, kind):
        """The cache key of what the words found (``ranked``, ``matched``) in this version."""
        digest = hashlib.sha256(self.q.encode()).hexdigest()
        return f"directory-{kind}:{self.data_version}:{digest}"

    def page_pks(self, start, stop):
        """The ids of the matches from ``start`` to ``stop`` in the order asked for."""
        if self.problem:
            return []
        sort = self.effective_sort
        bitmaps = bitmaps_for(self.data_version)
        matches = self.matches()
        if sort == "newest":
            newest = (place for place in bitmaps.newest if place in matches)
            return bitmaps.pks_at(islice(newest, start, stop))
        if sort == "relevance":
            ranked = self.ranked()
            if self.required_keys():
                ranked = (place for place in ranked if place in matches)
            return bitmaps.pks_at(islice(ranked, start, stop))
        return bitmaps.pks_at(matches[start:stop])

    @property
    def municipality_region(self):
        place = reference.municipality(self.municipality)
        return place.region_id if place else None

    @property
    def tag_ids(self):
        return memoised(
            ("directory-tag-ids", self.tags),
            lambda: list(Tag.objects.filter(slug__in=self.tags).values_list("pk", flat=True)),
        )

    def results(self):
        qs = self.filtered()
        sort = self.effective_sort
        if sort == "relevance" and self.q:
            return qs.order_by("-rank", "name", "pk")
        if sort == "newest":
            return qs.order_by(*NEWEST_FIRST)
        return qs.order_by("name", "pk")

    # --- facets ----------------------------------------------------------------------------

    @cached_property
    def facet_counts(self):
        """{facet: {key: count}}: each facet counted with every filter applied except its own,
        and "matches" counted over the current matches."""
        matches = self.cached_counts()
        counts = {"matches": matches}
        for facet in FACETS:
            counts[facet] = (
                self.changed(**CLEARED[facet]).cached_counts() if self.uses(facet) else matches
            )
        return counts

    def cached_counts(self):
        """The shown keys counted over this search's matches, in one query.

        Cached per search (any page or sort order) until a profile changes, so the next search,
        which usually adds or drops one filter, finds most of its counts ready.
        """
        patterns = list(SHOWN_KEYS)
        if len(self.cpv) == 1:  # the children to drill down into
            patterns += [f"cpv:{kid.code}" for kid in reference.cpv_children(self.cpv[0])]
        search = urlencode(self.params(sort="", cpv_q=""))
        digest = hashlib.sha256(search.encode()).hexdigest()
        key = f"directory-facets:{self.data_version}:{digest}"
        counts = cache.get(key)
        if counts is None:
            counts = self.counted(patterns)
            cache.set(key, counts, FACET_CACHE_SECONDS)
        return counts

    @cached_property
    def data_version(self):
        return data_version()

    def changed(self, **changes):
        """The same search with some parts replaced."""
        search = replace(self, **changes)
        search.__dict__["data_version"] = self.data_version
        return search

    @property
    def count(self):
        """How many profiles match (from the facet count, no query of its own)."""
        return self.facet_counts["matches"].get(ALL, 0)

    def uses(self, facet):
        return bool(
            {
                "cpv": self.cpv,
                "geo": self.municipality or self.region,
                "target_groups": self.target_groups,
                "tags": self.tags,
            }[facet]
        )

    def cpv_facet(self):
        """Divisions with counts, plus the selected code's ancestors and children to drill into.

        A code's count includes the profiles classified anywhere below it.
        """
        counts = self.facet_counts["cpv"]
        divisions = [
            {"code": c, "count": counts.get(f"cpv:{c.code}", 0)} for c in reference.cpv_divisions()
        ]
        selected = self.cpv[0] if len(self.cpv) == 1 else None
        trail, children = [], []
        if selected:
            trail = [
                {"code": code} for code in reference.cpv_codes((*cpv.ancestors(selected), selected))
            ]
            below = self.facet_counts["matches"]  # the matches are all within the selected code
            children = [
                {"code": kid, "count": below[f"cpv:{kid.code}"]}
                for kid in reference.cpv_children(selected)
                if below.get(f"cpv:{kid.code}")
            ]
        return {"divisions": divisions, "trail": trail, "children": children}

    def cpv_label_matches(self, limit=10):
        """CPV codes whose Danish or English label contains the words in ``cpv_q``."""
        words = self.cpv_q.split()[:5]
        if not words:
            return []
        qs = CpvCode.objects.all()
        for word in words:
            qs = qs.filter(Q(label_da__icontains=word) | Q(label_en__icontains=word))
        return [{"code": code} for code in qs.order_by("level", "code")[:limit]]

    def geography_facet(self):
        """Regions and municipalities, each with the number of profiles that deliver there.

        A municipality counts profiles delivering nationwide, to its region or to it; a region
        counts those delivering nationwide, to it or to any of its municipalities.
        """
        counts = self.facet_counts["geo"]
        national = counts.get("geo:nat", 0)
        regions = []
        for region in reference.regions():
            regions.append(
                {
                    "region": region,
                    "count": national
                    + counts.get(f"geo:reg:{region.code}", 0)
                    + counts.get(f"geo:loc:{region.code}", 0),
                    "municipalities": [],
                }
            )
        index = {entry["region"].code: entry for entry in regions}
        for municipality in reference.municipalities():
            index[municipality.region_id]["municipalities"].append(
                {
                    "municipality": municipality,
                    "count": national
                    + counts.get(f"geo:reg:{municipality.region_id}", 0)
                    + counts.get(f"geo:mun:{municipality.code}", 0),
                }
            )
        return regions

    def target_group_facet(self, groups):
        """``groups``: the target groups in the page language."""
        counts = self.facet_counts["target_groups"]
        return [
            {
                "group": group,
                "count": counts.get(f"tg:{group.slug}", 0),
                "checked": group.slug in self.target_groups,
            }
            for group in groups
        ]

    def tag_facet(self, limit=15):
        """The most used tags among the matches, plus any selected tag."""
        counts = {
            int(key.removeprefix("tag:")): n
            for key, n in self.facet_counts["tags"].items()
            if key.startswith("tag:")
        }
        least = sorted(counts.values(), reverse=True)[limit - 1] if len(counts) >= limit else 0
        candidates = [pk for pk, n in counts.items() if n >= least]  # the top, ties by name
        tags = Tag.objects.filter(Q(pk__in=candidates) | Q(slug__in=self.tags))
        ranked = sorted(tags, key=lambda tag: (-counts.get(tag.pk, 0), tag.name))
        shown = [tag for tag in ranked[:limit] if counts.get(tag.pk)]
        shown += [tag for tag in ranked if tag.slug in self.tags and tag not in shown]
        return [
            {
                "slug": tag.slug,
                "name": tag.name,
                "count": counts.get(tag.pk, 0),
                "checked": tag.slug in self.tags,
            }
            for tag in shown
        ]

    def flag_facet(self):
        """Each yes/no filter with the number of current matches that also satisfy it."""
        counts = self.facet_counts["matches"]
        return [
            {
                "key": key,
                "label": label,
                "count": counts.get(f"flag:{key}", 0),
                "checked": key in self.flags,
            }
            for key, (_name, label) in FLAGS.items()
        ]

    def relaxations(self, labels):
        """For an empty result: each active filter with the number of matches without it.

        ``labels`` maps a filter key to the text shown for it. Sorted with the most helpful first.
        """
        changes = {key: CLEARED[key] for key in FACETS if self.uses(key)}
        if self.q:
            changes["q"] = {"q": ""}
        changes |= {key: {"flags": self.flags - {key}} for key in sorted(self.flags)}
        options = []
        for key, change in changes.items():
            count = self.changed(**change).cached_counts().get(ALL, 0)
            if count:
                options.append(
                    {"label": labels.get(key, key), "count": count, "url": self.url(**change)}
                )
        return sorted(options, key=lambda option: -option["count"])
