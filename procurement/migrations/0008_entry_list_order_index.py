from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("procurement", "0007_entry_facets_index")]

    operations = [
        migrations.RemoveIndex(model_name="tenderplanentry", name="procurement_entry_live_when"),
        migrations.AddIndex(
            model_name="tenderplanentry",
            index=models.Index(
                condition=models.Q(("live", True)),
                fields=["expected_publication", "id"],
                name="procurement_entry_live_order",
            ),
        ),
    ]
