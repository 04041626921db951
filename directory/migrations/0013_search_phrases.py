from django.db import migrations, models


def fill_phrases(apps, schema_editor):
    # Uses the current code: the phrases come from the synonym list, their postings from the vectors.
    from directory.search import rebuild_phrases

    if schema_editor.connection.vendor == "postgresql":
        rebuild_phrases()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0012_search_postings"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchPhrase",
            fields=[("text", models.TextField(primary_key=True, serialize=False))],
        ),
        migrations.RunPython(fill_phrases, migrations.RunPython.noop),
    ]
