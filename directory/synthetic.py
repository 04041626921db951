"""Synthetic supplier profiles for benchmarks, written in bulk with realistic distributions.

Every synthetic profile's slug starts with ``SLUG_PREFIX`` so they can be removed again without
touching real or demo profiles. They are live rows without revisions, like imported data. On
PostgreSQL the rows go in with COPY: ids drawn from the table's sequence, search text and facet
keys computed in Python (the same functions a save uses), the search vector by PostgreSQL while
the rows move from a staging table; 100k profiles take a few minutes. Other databases use
``bulk_create``.
"""

import random
from datetime import timedelta
from types import SimpleNamespace

from psycopg.types.json import Jsonb

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag

from .facets import keys_of
from .models import (
    CpvCode,
    Municipality,
    SearchPosting,
    SupplierProfile,
    SupplierTag,
    TargetGroup,
)
from .search import (
    concept_labels,
    rebuild_vocabulary,
    refresh_all_vectors,
    refresh_postings,
    search_texts,
    search_vector,
)

SLUG_PREFIX = "syntetisk-"
TABLES = [
    SupplierProfile._meta.db_table,
    SupplierTag._meta.db_table,
    "directory_searchposting",
    "directory_searchpostingblock",
    *(
        getattr(SupplierProfile, name).through._meta.db_table
        for name in ["cpv_codes", "target_groups", "delivery_regions", "delivery_municipalities"]
    ),
]
BATCH = 10_000

TRADES = [
    (
        "Rengøring",
        ["90910000", "90911200", "90919200", "90919300"],
        "rengøring af kontorer og skoler",
    ),
    (
        "Køkken",
        ["55520000", "55510000", "55512000", "55523100"],
        "catering, kantinedrift og mødemad",
    ),
    ("Grøn Pleje", ["77310000", "77311000", "77314000", "90600000"], "pleje af grønne områder"),
    ("Vaskeri", ["98310000", "98311000"], "vask af linned og arbejdstøj"),
    ("IT-Genbrug", ["50312000", "30213000", "72500000"], "istandsættelse af computere"),
    ("Trykkeri", ["79810000", "79800000", "22000000"], "tryksager og grafisk design"),
    ("Snedkeri", ["45421000", "39100000", "50850000"], "møbler og inventar efter mål"),
    ("Cykelværksted", ["50000000", "34430000"], "service af cykler og ladcykler"),
    ("Polstreri", ["50850000", "39113000"], "ompolstring af stole og sofaer"),
    ("Pakkeri", ["79921000", "79920000", "63120000"], "pakning, montage og lager"),
    ("Systue", ["18000000", "39500000", "18222000"], "tekstiler og arbejdstøj"),
    ("Flytteservice", ["98392000", "60100000"], "flytning af kontorer og institutioner"),
    ("Café", ["55300000", "55120000", "79952000"], "café, mødelokaler og arrangementer"),
    ("Kulturværksted", ["92000000", "92312000", "80500000"], "forestillinger og workshops"),
    ("Bageri", ["15810000", "15860000"], "brød, kage og kaffe"),
    ("Genbrug", ["90500000", "90514000"], "genbrug og affaldssortering"),
    ("Malerfirma", ["45442100", "45450000", "50700000"], "maling og vedligehold af bygninger"),
    ("Tolkeservice", ["79540000", "79530000"], "tolkning og oversættelse"),
    ("Scanning", ["79999100", "79500000"], "scanning og digitalisering"),
    ("Gartneri", ["03121000", "03221000"], "økologiske grøntsager og blomster"),
    ("Jobværksted", ["80530000", "85300000"], "jobtræning og mentorforløb"),
    ("Smedje", ["45262670", "44210000"], "metalarbejde og cykelstativer"),
]
PLACES = ["Nord", "Syd", "Øst", "Vest", "Midt", "By", "Land", "Fjord", "Å", "Havn", "Skov", "Bakke"]
WORDS = ["Fællesskab", "Ny Start", "Hånd i Hånd", "Anden Chance", "Fremtid", "Samvær", "Broen"]
TAGS = [
    "økologi",
    "svanemærket",
    "cirkulær økonomi",
    "fleksjob",
    "mentor",
    "lærepladser",
    "el-biler",
    "genbrug",
    "lokalt",
    "hurtig levering",
    "store serier",
    "weekend",
    "tilgængelighed",
    "madspild",
    "biodiversitet",
    "autisme",
    "sprogpraktik",
    "integration",
]


def valid_cvr_numbers(start):
    """Valid CVR numbers (modulus 11) from ``start`` upwards."""
    base = start
    while True:
        digits = f"{base:07d}"
        check = -sum(w * int(d) for w, d in zip([2, 7, 6, 5, 4, 3, 2], digits, strict=True)) % 11
        if check < 10:
            yield f"{digits}{check}"
        base += 1


def generate(count, seed=1, stdout=None):
    """Add ``count`` synthetic live profiles; returns how many were created."""
    rng = random.Random(seed + SupplierProfile.objects.count())  # noqa: S311
    existing = SupplierProfile.objects.filter(slug__startswith=SLUG_PREFIX).count()
    pool = Pool(existing)
    created = 0
    while created < count:
        ids = new_ids(SupplierProfile, min(BATCH, count - created))
        batch = [pool.profile(rng, existing + created + i, pk) for i, pk in enumerate(ids)]
        with transaction.atomic():
            write_profiles(batch)
        created += len(ids)
        if stdout is not None:
            stdout.write(f"  {existing + created} synthetic profiles")
    rebuild_vocabulary()  # once: each rebuild reads every profile's vector
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(TABLES)}")
    return created


class Pool:
    """The reference data synthetic profiles are drawn from."""

    def __init__(self, existing):
        codes = {c for t in TRADES for c in t[1]}
        self.labels = {c.code: c for c in CpvCode.objects.filter(code__in=codes)}
        deeper = CpvCode.objects.filter(level__gte=3)
        self.all_codes = list(deeper.values_list("code", "label_da", "label_en"))
        self.municipalities = list(Municipality.objects.values_list("code", "region_id", "name"))
        self.region_of = {code: region for code, region, _name in self.municipalities}
        self.by_region = {}
        for code, region, _name in self.municipalities:
            self.by_region.setdefault(region, []).append(code)
        self.regions = list(self.by_region)
        danish = TargetGroup.objects.filter(locale__language_code="da")
        self.groups = list(danish.values_list("pk", "slug"))
        self.tags = {
            name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk
            for name in TAGS
        }
        used = set(SupplierProfile.objects.values_list("cvr", flat=True))
        self.numbers = (n for n in valid_cvr_numbers(4_000_000 + existing * 2) if n not in used)
        self.now = timezone.now()
        self.template = row_of(SupplierProfile(created_at=self.now, updated_at=self.now))

    def profile(self, rng, n, pk):
        """(row, related values) of synthetic profile number ``n``."""
        trade, trade_codes, what = rng.choice(TRADES)
        code, region, town = rng.choice(self.municipalities)
        name = f"{trade} {rng.choice(WORDS)} {town} {rng.choice(PLACES)} {n}"
        chosen = [(c, self.labels[c].label_da, self.labels[c].label_en) for c in trade_codes]
        chosen = rng.sample(chosen, k=rng.randint(1, len(chosen)))
        if rng.random() < 0.3:
            chosen.append(rng.choice(self.all_codes))
        chosen = list({c[0]: c for c in chosen}.values())
        scope, area_regions, area_municipalities = self.area(rng, code, region)
        total = rng.randint(3, 120)
        special = int(total * rng.choice([0.1, 0.2, 0.3, 0.4, 0.5, 0.7]))
        claim = special >= 0.3 * total and rng.random() < 0.7
        chosen_tags = rng.sample(TAGS, k=rng.randint(0, 4))
        chosen_groups = rng.sample(self.groups, k=min(len(self.groups), rng.randint(1, 3)))
        live = rng.random() < 0.95
        published = self.now - timedelta(days=rng.randint(0, 2000)) if live else None
        summary = f"Vi tilbyder {what} i {town} og omegn med medarbejdere på særlige vilkår."
        about = f"{name} er en socialøkonomisk virksomhed med {total} ansatte."
        purpose = "Vi skaber job til mennesker på kanten af arbejdsmarkedet."
        labels = [c[1] for c in chosen] + [c[2] for c in chosen]
        keywords, document = search_texts(
            name,
            summary,
            [*chosen_tags, *labels],
            [about, purpose, town, town],
            concept_labels([c[0] for c in chosen]),
        )
        row = {
            **self.template,
            "id": pk,
            "name": name,
            "slug": f"{SLUG_PREFIX}{n}",
            "cvr": next(self.numbers),
            "summary": summary,
            "description": f"<p>{about}</p>",
            "social_purpose": purpose,
            "employees_total": total,
            "employees_special_terms": special,
            "reserved_contract_claim": claim,
            "reserved_contract_eligible": claim,
            "rsv_claimed": rng.random() < 0.4,
            "rsv_verified": rng.random() < 0.25,
            "delivery_scope": scope,
            "city": town,
            "municipality_id": code,
            "open_to_consortia": rng.random() < 0.5,
            "open_to_subcontracting": rng.random() < 0.6,
            "contract_capacity": rng.choice(["", "xs", "s", "m", "l", "xl"]),
            "live": live,
            "first_published_at": published,
            "last_published_at": published,
            "search_keywords": keywords,
            "search_document": document,
        }
        values = {
            "cpv": [c[0] for c in chosen],
            "reg": area_regions,
            "mun": area_municipalities,
            "tg": [slug for _pk, slug in chosen_groups],
            "tag": [self.tags[t] for t in chosen_tags],
            "groups": [group for group, _slug in chosen_groups],
        }
        row["facet_keys"] = keys_of(SimpleNamespace(**row), values, self.region_of)
        return row, values

    def area(self, rng, code, region):
        """(delivery scope, regions, municipalities) around the profile's own municipality."""
        kinds = SupplierProfile.DeliveryScope
        roll = rng.random()
        if roll < 0.15:
            return kinds.NATIONAL, [], []
        if roll < 0.45:
            return (
                kinds.REGIONS,
                sorted({region, *rng.sample(self.regions, k=rng.randint(0, 1))}),
                [],
            )
        nearby = self.by_region[region]
        extra = rng.sample(nearby, k=min(len(nearby), rng.randint(0, 5)))
        return kinds.MUNICIPALITIES, [], sorted({code, *extra})


def write_profiles(batch):
    """Write the profiles and their relations: (row as ``row_of`` gives it, related values)."""
    model = SupplierProfile
    profiles = [row for row, _values in batch]
    if connection.vendor == "postgresql":  # ids drawn from the sequence
        query = model.objects.all().query
        compiler = query.get_compiler(connection=connection)
        vector = compiler.compile(search_vector().resolve_expression(query))
        copy_rows(model, profiles, computed={"search_vector": vector})
        ids = [row["id"] for row in profiles]
        refresh_postings(ids)
    else:
        ids = [p.pk for p in model.objects.bulk_create([model(**row) for row in profiles])]
        refresh_all_vectors(model.objects.filter(pk__in=ids))
    related = dict(zip(ids, (values for _row, values in batch), strict=True))
    links = [
        (model.cpv_codes.through, "cpvcode_id", "cpv"),
        (model.target_groups.through, "targetgroup_id", "groups"),
        (model.delivery_regions.through, "region_id", "reg"),
        (model.delivery_municipalities.through, "municipality_id", "mun"),
    ]
    for through, column, kind in links:
        rows = [(pk, value) for pk, values in related.items() for value in values[kind]]
        insert(through, ["supplierprofile_id", column], rows)
    rows = [(pk, tag) for pk, values in related.items() for tag in values["tag"]]
    insert(SupplierTag, ["content_object_id", "tag_id"], rows)


def row_of(instance):
    """{attribute name: value} of every column of an unsaved instance (defaults filled in)."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def insert(model, columns, rows):
    """Insert rows (tuples of ``columns``) into the table of a model with an automatic id."""
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=5000)
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def new_ids(model, count):
    """``count`` ids for new rows of ``model`` (from its sequence on PostgreSQL)."""
    if connection.vendor != "postgresql":
        return [None] * count
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def copy_rows(model, rows, computed=None):
    """COPY rows (dicts as ``row_of`` gives them, ids set) into the model's table.
    ``computed``: {column: (SQL, params)} over the other columns, evaluated by PostgreSQL on the
    way from a staging table."""
    computed = computed or {}
    fields = [f for f in model._meta.concrete_fields if f.column not in computed]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    names = [f.attname for f in fields]
    json = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    target = "bench_stage" if computed else table
    with connection.cursor() as cursor:
        if computed:
            cursor.execute(f"CREATE TEMP TABLE bench_stage (LIKE {table})")
        with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([Jsonb(row[n]) if n in json else row[n] for n in names])
        if computed:
            targets = ", ".join(connection.ops.quote_name(c) for c in computed)
            sql = ", ".join(expression for expression, _params in computed.values())
            params = [p for _sql, ps in computed.values() for p in ps]
            cursor.execute(
                f"INSERT INTO {table} ({columns}, {targets}) SELECT {columns}, {sql} "  # noqa: S608
                f"FROM bench_stage AS {table}",
                params,
            )
            cursor.execute("DROP TABLE bench_stage")


def remove_all():
    """Delete the synthetic profiles in a few statements (they have no revisions or owners)."""
    profiles = SupplierProfile.objects.filter(slug__startswith=SLUG_PREFIX)
    with transaction.atomic():
        for through in [
            SupplierProfile.cpv_codes.through,
            SupplierProfile.target_groups.through,
            SupplierProfile.delivery_regions.through,
            SupplierProfile.delivery_municipalities.through,
        ]:
            through.objects.filter(supplierprofile__in=profiles).delete()
        SupplierTag.objects.filter(content_object__in=profiles).delete()
        SearchPosting.objects.filter(profile__in=profiles).delete()
        return profiles._raw_delete(profiles.db)
