"""Send the daily or weekly digests of matching tender plan entries (for cron)."""

from django.core.management.base import BaseCommand

from procurement.alerts import send_digests
from procurement.models import AlertSetting


class Command(BaseCommand):
    help = "Send the daily or weekly digests of matching tender plan entries to SØV users."

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency", choices=[AlertSetting.Frequency.DAILY, AlertSetting.Frequency.WEEKLY]
        )

    def handle(self, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(f"{sent} e-mails sent")
