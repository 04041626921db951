"""Loads CPV 2008, the regions and municipalities, and the seeded target groups.

On PostgreSQL it also adds the full-text (GIN) and trigram indexes used by the directory search,
and puts supplier profiles under the default moderation workflow.
"""

import csv
import uuid
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

REGION_NAMES_EN = {
    1081: "North Denmark Region",
    1082: "Central Denmark Region",
    1083: "Region of Southern Denmark",
    1084: "Capital Region of Denmark",
    1085: "Region Zealand",
}

TARGET_GROUPS = [
    ("handicap", "Mennesker med handicap", "People with disabilities"),
    ("psykisk-saarbare", "Psykisk sårbare", "People with mental vulnerabilities"),
    ("hjemloese", "Hjemløse", "Homeless people"),
    ("langtidsledige", "Langtidsledige", "Long-term unemployed people"),
    ("unge-udsatte", "Udsatte unge", "Vulnerable young people"),
    ("tidligere-indsatte", "Tidligere indsatte", "Former prisoners"),
    ("misbrug", "Tidligere misbrugere", "Former substance abusers"),
    ("flygtninge-indvandrere", "Flygtninge og indvandrere", "Refugees and immigrants"),
]


def _prefix(code):
    return code.rstrip("0").ljust(2, "0")


def load_cpv(apps, schema_editor):
    CpvCode = apps.get_model("directory", "CpvCode")
    with open(DATA / "cpv_2008.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_prefix = {_prefix(row["code"]): row["code"] for row in rows}
    objects = []
    for row in rows:
        prefix = _prefix(row["code"])
        parent = None
        for length in range(len(prefix) - 1, 1, -1):
            parent = by_prefix.get(prefix[:length])
            if parent:
                break
        objects.append(
            CpvCode(
                code=row["code"],
                label_da=row["label_da"],
                label_en=row["label_en"],
                level=min(len(prefix) - 1, 5),
                parent_id=parent,
            )
        )
    CpvCode.objects.bulk_create(sorted(objects, key=lambda c: len(_prefix(c.code))), batch_size=2000)


def load_geography(apps, schema_editor):
    Region = apps.get_model("directory", "Region")
    Municipality = apps.get_model("directory", "Municipality")
    with open(DATA / "dk_municipalities.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        code = int(row["region_code"])
        Region.objects.update_or_create(
            code=code, defaults={"name": row["region_name"], "name_en": REGION_NAMES_EN[code]}
        )
    for row in rows:
        Municipality.objects.update_or_create(
            code=int(row["code"]),
            defaults={
                "name": row["name"],
                "region_id": int(row["region_code"]),
                "latitude": row["lat"],
                "longitude": row["lon"],
            },
        )


def load_target_groups(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    TargetGroup = apps.get_model("directory", "TargetGroup")
    danish, _ = Locale.objects.get_or_create(language_code="da")
    english, _ = Locale.objects.get_or_create(language_code="en")
    for slug, name_da, name_en in TARGET_GROUPS:
        if TargetGroup.objects.filter(slug=slug, locale=danish).exists():
            continue
        key = uuid.uuid4()
        TargetGroup.objects.create(slug=slug, name=name_da, locale=danish, translation_key=key)
        TargetGroup.objects.create(slug=slug, name=name_en, locale=english, translation_key=key)


def use_moderation_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="directory", model="supplierprofile"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


POSTGRES_SQL = [
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS directory_profile_search_vector "
    "ON directory_supplierprofile USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_profile_name_trgm "
    "ON directory_supplierprofile USING gin (name gin_trgm_ops)",
]
POSTGRES_REVERSE_SQL = [
    "DROP INDEX IF EXISTS directory_profile_name_trgm",
    "DROP INDEX IF EXISTS directory_profile_search_vector",
]


def postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_SQL:
            schema_editor.execute(statement)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_reference_data_and_profiles"),
        ("cms", "0002_locales"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_cpv, migrations.RunPython.noop),
        migrations.RunPython(load_geography, migrations.RunPython.noop),
        migrations.RunPython(load_target_groups, migrations.RunPython.noop),
        migrations.RunPython(use_moderation_workflow, migrations.RunPython.noop),
        migrations.RunPython(postgres_indexes, drop_postgres_indexes),
    ]
