"""The 98 municipalities and 5 regions as buyer organisations."""

from django.db import migrations

SPECIAL_NAMES = {101: "Københavns Kommune", 400: "Bornholms Regionskommune"}


def municipality_name(municipality):
    return SPECIAL_NAMES.get(municipality.code, f"{municipality.name} Kommune")


def seed(apps, schema_editor):
    Municipality = apps.get_model("directory", "Municipality")
    Region = apps.get_model("directory", "Region")
    BuyerOrganisation = apps.get_model("procurement", "BuyerOrganisation")
    for region in Region.objects.all():
        BuyerOrganisation.objects.update_or_create(
            region=region, defaults={"name": region.name, "kind": "region"}
        )
    for municipality in Municipality.objects.all():
        BuyerOrganisation.objects.update_or_create(
            municipality=municipality,
            defaults={"name": municipality_name(municipality), "kind": "municipality"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0001_initial"),
        ("directory", "0003_load_reference_data"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
