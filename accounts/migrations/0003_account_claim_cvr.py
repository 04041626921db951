from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_groups")]

    operations = [
        migrations.AddField(
            model_name="account",
            name="claim_cvr",
            field=models.CharField(
                blank=True,
                help_text="Set when the applicant asked to join an existing profile.",
                max_length=8,
                verbose_name="asks for access to the profile with CVR",
            ),
        ),
    ]
