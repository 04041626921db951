"""E-mail saved directory and tender plan searches their new results (for cron)."""

from django.core.management.base import BaseCommand

from procurement.saved_searches import send_all


class Command(BaseCommand):
    help = "E-mail every confirmed saved search the results that are new since the last e-mail."

    def handle(self, **options):
        sent = send_all()
        self.stdout.write(f"{sent} e-mails sent")
