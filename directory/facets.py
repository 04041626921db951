"""Facet keys: what each profile can be filtered on, stored on the profile for fast counting.

Every profile carries a list of keys such as ``cpv:90000000`` (each CPV code and all its
ancestors), ``geo:mun:751`` (where it delivers), ``tg:handicap``, ``tag:12`` and ``flag:rsv``,
plus ``ALL``, so the same count says how many profiles matched.
Filters are GIN index look-ups on the keys; counts come from a bitmap per key (``bitmaps``).
"""

import datetime

from django.db import connection, connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import cpv
from .models import Municipality, SupplierProfile, SupplierTag

BATCH = 2000
ALL = "*"
FLAG_FIELDS = {  # the yes/no filters and the profile field behind each
    "rsv": "rsv_verified",
    "reserved": "reserved_contract_eligible",
    "consortia": "open_to_consortia",
}


def cpv_keys(codes):
    """``cpv:`` keys for the codes and all their ancestors (a division counts its descendants)."""
    keys = set()
    for code in codes:
        keys.update(cpv.ancestors(code))
        keys.add(code)
    return {f"cpv:{code}" for code in keys}


def geo_keys(scope, regions, municipalities, region_of):
    """Where a profile delivers: nationwide, to whole regions, or to municipalities (and so to
    the regions they lie in)."""
    kinds = SupplierProfile.DeliveryScope
    if scope == kinds.NATIONAL:
        return {"geo:nat"}
    if scope == kinds.REGIONS:
        return {f"geo:reg:{code}" for code in regions}
    if scope == kinds.MUNICIPALITIES:
        return {f"geo:mun:{code}" for code in municipalities} | {
            f"geo:loc:{region_of[code]}" for code in municipalities
        }
    return set()


def refresh_facet_keys(profile_ids):
    """Recompute and store the facet keys of the given profiles (seven queries per batch)."""
    profile_ids = list(profile_ids)
    region_of = dict(Municipality.objects.values_list("code", "region_id"))
    now = timezone.now()
    for start in range(0, len(profile_ids), BATCH):
        ids = profile_ids[start : start + BATCH]
        related = related_values(ids)
        profiles = SupplierProfile.objects.filter(pk__in=ids).only(
            "delivery_scope", "updated_at", *FLAG_FIELDS.values()
        )
        for profile in profiles:
            profile.facet_keys = keys_of(profile, related[profile.pk], region_of)
            profile.updated_at = now  # a new data version: the counts are taken again
        SupplierProfile.objects.bulk_update(profiles, ["facet_keys", "updated_at"], batch_size=500)


def keys_of(profile, values, region_of):
    """The sorted facet keys of a profile from its fields and ``values``, its related values
    as ``related_values`` gives them."""
    keys = {ALL} | cpv_keys(values["cpv"])
    keys |= geo_keys(profile.delivery_scope, values["reg"], values["mun"], region_of)
    keys |= {f"tg:{slug}" for slug in values["tg"]}
    keys |= {f"tag:{pk}" for pk in values["tag"]}
    keys |= {f"flag:{key}" for key, name in FLAG_FIELDS.items() if getattr(profile, name)}
    return sorted(keys)


def related_values(ids):
    """{profile id: {kind: [values]}} read from each relation table in one query."""
    through = {
        "cpv": (SupplierProfile.cpv_codes.through.objects, "cpvcode_id"),
        "reg": (SupplierProfile.delivery_regions.through.objects, "region_id"),
        "mun": (SupplierProfile.delivery_municipalities.through.objects, "municipality_id"),
        "tg": (SupplierProfile.target_groups.through.objects, "targetgroup__slug"),
    }
    related = {pk: {kind: [] for kind in [*through, "tag"]} for pk in ids}
    for kind, (rows, column) in through.items():
        rows = rows.filter(supplierprofile_id__in=ids)
        for pk, value in rows.values_list("supplierprofile_id", column):
            related[pk][kind].append(value)
    tags = SupplierTag.objects.filter(content_object_id__in=ids)
    for pk, tag in tags.values_list("content_object_id", "tag_id"):
        related[pk]["tag"].append(tag)
    return related


def has_any_key(keys):
    """``Q`` for profiles carrying any of ``keys`` (a GIN index lookup on PostgreSQL)."""
    q = Q()
    for key in keys:
        if connection.vendor == "postgresql":
            q |= Q(facet_keys__contains=[key])
        else:
            q |= Q(facet_keys__icontains=f'"{key}"')
    return q if q else Q(pk__in=[])


VERSION_SQL = (
    "SELECT (SELECT MAX(updated_at) FROM directory_supplierprofile),"
    " (SELECT MAX(removed_at) FROM {tombstones} WHERE kind = %s)"
)


def data_version():
    """A stamp that changes whenever a profile is saved, published, unpublished or deleted
    (``data_stamps`` as text, without spaces)."""
    return "-".join(str(moment).replace(" ", "T") for moment in data_stamps())


def data_stamps():
    """(The latest change of a profile, the latest tombstone of a supplier: a live profile's
    deletion or unpublishing writes one, ``api.signals``), both from an index, whatever the
    number of profiles."""
    from api.models import Tombstone

    sql = VERSION_SQL.format(tombstones=Tombstone._meta.db_table)
    with connections[router.db_for_read(SupplierProfile)].cursor() as cursor:
        cursor.execute(sql, [Tombstone.Kind.SUPPLIER.value])
        return tuple(map(_moment, cursor.fetchone()))


def _moment(value):
    """A timestamp read by raw SQL as an aware datetime (SQLite gives text, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
    return value
