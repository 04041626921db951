"""The platform's user groups. Domain apps grant their own model permissions in their migrations."""

from django.db import migrations

EDITORS, SUPPLIERS, BUYERS, PARTNERS = "Redaktører", "Leverandører", "Ordregivere", "Partnere"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, SUPPLIERS, BUYERS, PARTNERS)}
    for group in groups.values():
        group.permissions.add(access_admin)

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators:
        groups[EDITORS].permissions.add(*moderators.permissions.all())
        for permission in GroupPagePermission.objects.filter(group=moderators):
            GroupPagePermission.objects.get_or_create(
                group=groups[EDITORS], page_id=permission.page_id, permission_id=permission.permission_id
            )
        for permission in GroupCollectionPermission.objects.filter(group=moderators):
            GroupCollectionPermission.objects.get_or_create(
                group=groups[EDITORS], collection_id=permission.collection_id, permission_id=permission.permission_id
            )

    root = Collection.objects.filter(depth=1).first()
    image_ct = ContentType.objects.filter(app_label="wagtailimages", model="image").first()
    if root and image_ct:
        for codename in ("add_image", "choose_image"):
            permission = Permission.objects.filter(content_type=image_ct, codename=codename).first()
            for name in (SUPPLIERS, BUYERS, PARTNERS):
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root, permission=permission
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
