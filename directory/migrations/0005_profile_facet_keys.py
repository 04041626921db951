from django.db import migrations, models


def fill_facet_keys(apps, schema_editor):
    # Uses the current code: the keys are derived data, rebuilt from the relation tables.
    from directory.facets import refresh_facet_keys

    profiles = apps.get_model("directory", "SupplierProfile").objects
    refresh_facet_keys(profiles.values_list("pk", flat=True))


def add_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS directory_profile_facet_keys "
            "ON directory_supplierprofile USING gin (facet_keys jsonb_path_ops)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_profile_facet_keys")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_profile_cpv_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="supplierprofile",
            name="facet_keys",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(fill_facet_keys, migrations.RunPython.noop),
        migrations.RunPython(add_gin_index, drop_gin_index),
    ]
