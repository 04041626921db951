import django.db.models.deletion
from django.db import migrations, models

import directory.models


def fill_postings(apps, schema_editor):
    # Uses the current code: the postings are derived from the profiles' search vectors.
    from directory.search import POSTINGS_INDEX, POSTINGS_SQL

    if schema_editor.connection.vendor == "postgresql":
        # Byte order: a prefix's stems are a range of the index, LIKE 'prefix%' one too.
        schema_editor.execute(
            'ALTER TABLE directory_searchposting ALTER COLUMN lexeme TYPE text COLLATE "C"'
        )
        schema_editor.execute(POSTINGS_SQL)
        schema_editor.execute(POSTINGS_INDEX)
        schema_editor.execute("VACUUM ANALYZE directory_searchposting")  # index-only scans


class Migration(migrations.Migration):
    atomic = False  # VACUUM

    dependencies = [
        ("directory", "0011_contact_messages"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchPosting",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "profile_id",
                        "lexeme",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("lexeme", models.TextField()),
                ("score", directory.models.RealField()),
                (
                    "profile",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="directory.supplierprofile",
                    ),
                ),
            ],
        ),
        migrations.RunPython(fill_postings, migrations.RunPython.noop),
    ]
