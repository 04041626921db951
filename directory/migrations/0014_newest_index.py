from django.db import migrations

# The directory's "newest" order, so that any page of it is a short index scan. PostgreSQL only:
# SQLite's CREATE INDEX has no NULLS LAST (and make run's data is small).
NEWEST = (
    "CREATE INDEX directory_profile_live_newest ON directory_supplierprofile "
    "(first_published_at DESC NULLS LAST, name, id) WHERE live"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NEWEST)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX directory_profile_live_newest")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_search_phrases"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="supplierprofile",
            name="directory_profile_live_newest",
        ),
        migrations.RunPython(create, drop),
    ]
