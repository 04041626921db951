"""The directory search: the state in the query string, the matching profiles and facet counts.

Every facet counts with all other filters applied but not its own, in one aggregate query over
the ids of the matching profiles, so the number of queries never depends on the data.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from .models import (
    CpvCode,
    Municipality,
    Region,
    SupplierProfile,
    SupplierTag,
    prefix_of,
)
from .queries import cpv_descendants_q, delivers_to_q, known_codes, normalise_cpv
from .search import apply_search, has_matches, is_postgres

MAX_QUERY_LENGTH = 200
MAX_VALUES = 20
SORTS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "newest": _("Newest"),
}
FLAGS = {
    "rsv": ("rsv_verified", _("Verified RSV only")),
    "reserved": ("reserved_contract_eligible", _("Eligible for reserved contracts")),
    "consortia": ("open_to_consortia", _("Open to consortia")),
}
PROFILES = SupplierProfile.objects
CPV_THROUGH = SupplierProfile.cpv_codes.through.objects
TARGET_THROUGH = SupplierProfile.target_groups.through.objects
REGION_THROUGH = SupplierProfile.delivery_regions.through.objects
MUNICIPALITY_THROUGH = SupplierProfile.delivery_municipalities.through.objects


def _int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10_000 else None


def _values(querydict, key, clean=str):
    values = []
    for raw in querydict.getlist(key)[:MAX_VALUES]:
        value = clean(raw.strip()[:100]) if raw else None
        if value and value not in values:
            values.append(value)
    return values


@dataclass(frozen=True)
class DirectoryQuery:
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

    @classmethod
    def from_querydict(cls, data):
        sort = data.get("sort", "")
        return cls(
            q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH],
            cpv=tuple(_values(data, "cpv", normalise_cpv)),
            cpv_q=" ".join(data.get("cpv_q", "").split())[:100],
            municipality=_int(data.get("municipality")),
            region=_int(data.get("region")),
            target_groups=tuple(_values(data, "target_group")),
            tags=tuple(_values(data, "tag")),
            flags=frozenset(key for key in FLAGS if data.get(key) in ("1", "on", "true")),
            sort=sort if sort in SORTS else "",
        )

    def validated(self):
        """The same query with unknown codes dropped (three small queries)."""
        cpv, municipality, region = known_codes(self.cpv, self.municipality, self.region)
        return replace(self, cpv=cpv, municipality=municipality, region=region)

    @cached_property
    def fuzzy(self):
        """True when the words match nothing as such, so names are matched by similarity."""
        return bool(self.q) and is_postgres() and not has_matches(PROFILES.live(), self.q)

    @property
    def effective_sort(self):
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

    def url(self, **changes):
        return "?" + urlencode(self.params(**changes))

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

    def filtered(self, skip=()):
        """Live profiles matching the search and every filter except those in ``skip``."""
        qs = PROFILES.live()
        if self.q:
            qs = apply_search(qs, self.q, fuzzy=self.fuzzy)
        if self.cpv and "cpv" not in skip:
            qs = qs.filter(
                pk__in=CPV_THROUGH.filter(cpv_descendants_q(self.cpv, "cpvcode")).values(
                    "supplierprofile_id"
                )
            )
        if "geo" not in skip and (self.municipality or self.region):
            qs = qs.filter(delivers_to_q(municipality=self.municipality, region=self.region))
        if self.target_groups and "target_groups" not in skip:
            qs = qs.filter(
                pk__in=TARGET_THROUGH.filter(targetgroup__slug__in=self.target_groups).values(
                    "supplierprofile_id"
                )
            )
        if self.tags and "tags" not in skip:
            qs = qs.filter(
                pk__in=SupplierTag.objects.filter(tag__slug__in=self.tags).values(
                    "content_object_id"
                )
            )
        for key in self.flags:
            if key not in skip:
                qs = qs.filter(**{FLAGS[key][0]: True})
        return qs

    def results(self):
        qs = self.filtered()
        sort = self.effective_sort
        if sort == "relevance" and self.q:
            return qs.order_by("-rank", "name", "pk")
        if sort == "newest":
            return qs.order_by(F("first_published_at").desc(nulls_last=True), "name", "pk")
        return qs.order_by("name", "pk")

    def _ids(self, skip):
        return self.filtered(skip=skip).order_by().values("pk")

    # --- facets ----------------------------------------------------------------------------

    def cpv_facet(self):
        """Divisions with counts, plus the selected code's ancestors and children to drill into."""
        ids = self._ids(skip=("cpv",))
        through = CPV_THROUGH.filter(supplierprofile_id__in=ids)
        division_counts = dict(
            through.annotate(division=Substr("cpvcode_id", 1, 2))
            .values("division")
            .annotate(n=Count("supplierprofile_id", distinct=True))
            .values_list("division", "n")
        )
        divisions = [
            {"code": c, "count": division_counts.get(c.code[:2], 0)}
            for c in CpvCode.objects.filter(level=CpvCode.Level.DIVISION)
        ]
        selected = self.cpv[0] if len(self.cpv) == 1 else None
        trail, children = [], []
        if selected:
            prefix = prefix_of(selected)
            ancestors = [prefix[:n].ljust(8, "0") for n in range(2, len(prefix))]
            trail = [
                {"code": code, "url": self.url(cpv=(code.code,))}
                for code in CpvCode.objects.filter(code__in=[*ancestors, selected])
            ]
            kids = list(CpvCode.objects.filter(parent_id=selected))
            if kids:
                counts = through.aggregate(
                    **{
                        f"c{kid.code}": Count(
                            "supplierprofile_id",
                            distinct=True,
                            filter=Q(cpvcode__code__startswith=kid.prefix),
                        )
                        for kid in kids
                    }
                )
                children = [
                    {"code": kid, "count": counts[f"c{kid.code}"], "url": self.url(cpv=(kid.code,))}
                    for kid in kids
                    if counts[f"c{kid.code}"]
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
        return [
            {"code": code, "url": self.url(cpv=(code.code,), cpv_q="")}
            for code in qs.order_by("level", "code")[:limit]
        ]

    def geography_facet(self):
        """Regions and municipalities, each with the number of profiles that deliver there."""
        ids = self._ids(skip=("geo",))
        scope = SupplierProfile.DeliveryScope
        national = PROFILES.filter(pk__in=ids, delivery_scope=scope.NATIONAL).count()
        by_region = dict(
            REGION_THROUGH.filter(
                supplierprofile_id__in=ids, supplierprofile__delivery_scope=scope.REGIONS
            )
            .values("region_id")
            .annotate(n=Count("supplierprofile_id"))
            .values_list("region_id", "n")
        )
        local = MUNICIPALITY_THROUGH.filter(
            supplierprofile_id__in=ids, supplierprofile__delivery_scope=scope.MUNICIPALITIES
        )
        by_municipality = dict(
            local.values("municipality_id")
            .annotate(n=Count("supplierprofile_id"))
            .values_list("municipality_id", "n")
        )
        local_by_region = dict(
            local.values("municipality__region_id")
            .annotate(n=Count("supplierprofile_id", distinct=True))
            .values_list("municipality__region_id", "n")
        )
        regions = []
        for region in Region.objects.all():
            regions.append(
                {
                    "region": region,
                    "count": national
                    + by_region.get(region.code, 0)
                    + local_by_region.get(region.code, 0),
                    "municipalities": [],
                }
            )
        index = {entry["region"].code: entry for entry in regions}
        for municipality in Municipality.objects.all():
            index[municipality.region_id]["municipalities"].append(
                {
                    "municipality": municipality,
                    "count": national
                    + by_region.get(municipality.region_id, 0)
                    + by_municipality.get(municipality.code, 0),
                }
            )
        return regions

    def target_group_facet(self, groups):
        """``groups``: the target groups in the page language."""
        ids = self._ids(skip=("target_groups",))
        counts = dict(
            TARGET_THROUGH.filter(supplierprofile_id__in=ids)
            .values("targetgroup__slug")
            .annotate(n=Count("supplierprofile_id"))
            .values_list("targetgroup__slug", "n")
        )
        return [
            {
                "group": group,
                "count": counts.get(group.slug, 0),
                "checked": group.slug in self.target_groups,
            }
            for group in groups
        ]

    def tag_facet(self, limit=15):
        """The most used tags among the matches, plus any selected tag."""
        ids = self._ids(skip=("tags",))
        rows = list(
            SupplierTag.objects.filter(content_object_id__in=ids)
            .values("tag__slug", "tag__name")
            .annotate(n=Count("content_object_id"))
            .filter(Q(n__gt=0))
            .order_by("-n", "tag__name")[:limit]
        )
        shown = {row["tag__slug"] for row in rows}
        missing = [slug for slug in self.tags if slug not in shown]
        if missing:
            rows += [
                {"tag__slug": tag.slug, "tag__name": tag.name, "n": 0}
                for tag in Tag.objects.filter(slug__in=missing)
            ]
        return [
            {
                "slug": r["tag__slug"],
                "name": r["tag__name"],
                "count": r["n"],
                "checked": r["tag__slug"] in self.tags,
            }
            for r in rows
        ]

    def flag_facet(self):
        """Each yes/no filter with the number of current matches that also satisfy it."""
        counts = self.filtered(skip=tuple(FLAGS)).aggregate(
            **{
                key: Count("pk", filter=Q(**{name: True}, **self._other_flags(key)))
                for key, (name, _label) in FLAGS.items()
            }
        )
        return [
            {"key": key, "label": label, "count": counts[key], "checked": key in self.flags}
            for key, (_name, label) in FLAGS.items()
        ]

    def _other_flags(self, key):
        return {FLAGS[other][0]: True for other in self.flags if other != key}

    def relaxations(self, labels):
        """For an empty result: each active filter with the number of matches without it.

        ``labels`` maps a filter key to the text shown for it. Sorted with the most helpful first.
        """
        options = []
        candidates = []
        if self.q:
            candidates.append(("q", {"q": ""}))
        if self.cpv:
            candidates.append(("cpv", {"cpv": ()}))
        if self.municipality or self.region:
            candidates.append(("geo", {"municipality": None, "region": None}))
        if self.target_groups:
            candidates.append(("target_groups", {"target_groups": ()}))
        if self.tags:
            candidates.append(("tags", {"tags": ()}))
        candidates += [(key, {"flags": self.flags - {key}}) for key in sorted(self.flags)]
        for key, change in candidates:
            relaxed = replace(self, **change)
            count = relaxed.filtered().count()
            if count:
                options.append(
                    {"label": labels.get(key, key), "count": count, "url": relaxed.url()}
                )
        return sorted(options, key=lambda option: -option["count"])
