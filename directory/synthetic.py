"""Synthetic supplier profiles for benchmarks, written in bulk with realistic distributions.

Every synthetic profile's slug starts with ``SLUG_PREFIX`` so they can be removed again without
touching real or demo profiles. They are live rows without revisions, like imported data.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag

from .facets import refresh_facet_keys
from .models import CpvCode, Municipality, SupplierProfile, SupplierTag, TargetGroup
from .search import rebuild_vocabulary, refresh_all_vectors

SLUG_PREFIX = "syntetisk-"
BATCH = 2000

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
    labels = {c.code: c for c in CpvCode.objects.filter(code__in={c for t in TRADES for c in t[1]})}
    all_codes = list(CpvCode.objects.filter(level__gte=3).values_list("code", flat=True))
    municipalities = list(Municipality.objects.values_list("code", "region_id", "name"))
    by_region = {}
    for code, region, _name in municipalities:
        by_region.setdefault(region, []).append(code)
    regions = list(by_region)
    groups = list(
        TargetGroup.objects.filter(locale__language_code="da").values_list("pk", flat=True)
    )
    tags = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in TAGS
    }
    used = set(SupplierProfile.objects.values_list("cvr", flat=True))
    numbers = (n for n in valid_cvr_numbers(4_000_000 + existing * 2) if n not in used)
    cpv_through = SupplierProfile.cpv_codes.through
    group_through = SupplierProfile.target_groups.through
    region_through = SupplierProfile.delivery_regions.through
    municipality_through = SupplierProfile.delivery_municipalities.through

    now = timezone.now()
    created = 0
    while created < count:
        size = min(BATCH, count - created)
        rows, plans = [], []
        for i in range(size):
            n = existing + created + i
            trade, trade_codes, what = rng.choice(TRADES)
            code, region, town = rng.choice(municipalities)
            name = f"{trade} {rng.choice(WORDS)} {town} {rng.choice(PLACES)} {n}"
            codes = rng.sample(trade_codes, k=rng.randint(1, len(trade_codes)))
            if rng.random() < 0.3:
                codes.append(rng.choice(all_codes))
            scope_roll = rng.random()
            if scope_roll < 0.15:
                scope, area = SupplierProfile.DeliveryScope.NATIONAL, []
            elif scope_roll < 0.45:
                scope = SupplierProfile.DeliveryScope.REGIONS
                area = sorted({region, *rng.sample(regions, k=rng.randint(0, 1))})
            else:
                scope = SupplierProfile.DeliveryScope.MUNICIPALITIES
                area = sorted(
                    {
                        code,
                        *rng.sample(
                            by_region[region], k=min(len(by_region[region]), rng.randint(0, 5))
                        ),
                    }
                )
            total = rng.randint(3, 120)
            special = int(total * rng.choice([0.1, 0.2, 0.3, 0.4, 0.5, 0.7]))
            claim = special >= 0.3 * total and rng.random() < 0.7
            chosen_tags = rng.sample(TAGS, k=rng.randint(0, 4))
            live = rng.random() < 0.95
            published = now - timedelta(days=rng.randint(0, 2000)) if live else None
            code_labels = [labels[c] for c in codes if c in labels]
            summary = f"Vi tilbyder {what} i {town} og omegn med medarbejdere på særlige vilkår."
            rows.append(
                SupplierProfile(
                    name=name,
                    slug=f"{SLUG_PREFIX}{n}",
                    cvr=next(numbers),
                    summary=summary,
                    description=f"<p>{name} er en socialøkonomisk virksomhed med "
                    f"{total} ansatte.</p>",
                    social_purpose="Vi skaber job til mennesker på kanten af arbejdsmarkedet.",
                    employees_total=total,
                    employees_special_terms=special,
                    reserved_contract_claim=claim,
                    reserved_contract_eligible=claim,
                    rsv_claimed=rng.random() < 0.4,
                    rsv_verified=rng.random() < 0.25,
                    delivery_scope=scope,
                    municipality_id=code,
                    open_to_consortia=rng.random() < 0.5,
                    open_to_subcontracting=rng.random() < 0.6,
                    live=live,
                    first_published_at=published,
                    last_published_at=published,
                    search_keywords=" ".join(
                        [summary, *chosen_tags]
                        + [c.label_da for c in code_labels]
                        + [c.label_en for c in code_labels]
                    ),
                    search_document=f"{name} {what} {town}",
                )
            )
            plans.append((codes, scope, area, rng.sample(groups, k=rng.randint(1, 3)), chosen_tags))
        with transaction.atomic():
            SupplierProfile.objects.bulk_create(rows, batch_size=BATCH)
            if not rows[0].pk:
                slugs = [r.slug for r in rows]
                ids = dict(SupplierProfile.objects.filter(slug__in=slugs).values_list("slug", "pk"))
                for r in rows:
                    r.pk = ids[r.slug]
            cpv_rows, group_rows, region_rows, municipality_rows, tag_rows = [], [], [], [], []
            for profile, (codes, scope, area, chosen_groups, chosen_tags) in zip(
                rows, plans, strict=True
            ):
                cpv_rows += [
                    cpv_through(supplierprofile_id=profile.pk, cpvcode_id=c) for c in set(codes)
                ]
                group_rows += [
                    group_through(supplierprofile_id=profile.pk, targetgroup_id=g)
                    for g in chosen_groups
                ]
                if scope == SupplierProfile.DeliveryScope.REGIONS:
                    region_rows += [
                        region_through(supplierprofile_id=profile.pk, region_id=r) for r in area
                    ]
                elif scope == SupplierProfile.DeliveryScope.MUNICIPALITIES:
                    municipality_rows += [
                        municipality_through(supplierprofile_id=profile.pk, municipality_id=m)
                        for m in area
                    ]
                tag_rows += [
                    SupplierTag(content_object_id=profile.pk, tag=tags[t]) for t in chosen_tags
                ]
            for model, objects in [
                (cpv_through, cpv_rows),
                (group_through, group_rows),
                (region_through, region_rows),
                (municipality_through, municipality_rows),
                (SupplierTag, tag_rows),
            ]:
                model.objects.bulk_create(objects, batch_size=5000)
            batch = SupplierProfile.objects.filter(pk__in=[r.pk for r in rows])
            refresh_all_vectors(batch)
            refresh_facet_keys([r.pk for r in rows])
        created += size
        if stdout is not None:
            stdout.write(f"  {existing + created} synthetic profiles")
    rebuild_vocabulary()  # once: each rebuild reads every profile's vector
    return created


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
        return profiles._raw_delete(profiles.db)
