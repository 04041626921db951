"""Wagtail's default moderation workflow and task under Danish names (shown to SØVs as
"Indsend til …" and in the moderation e-mails); names an editor has changed are kept."""

from django.db import migrations

NAMES = [
    ("Workflow", "Moderators approval", "Redaktørgodkendelse"),
    ("Task", "Moderators approval", "Godkendelse ved en redaktør"),
]


def rename(apps, schema_editor, forwards=True):
    for model_name, english, danish in NAMES:
        old, new = (english, danish) if forwards else (danish, english)
        apps.get_model("wagtailcore", model_name).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_former_slugs"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
