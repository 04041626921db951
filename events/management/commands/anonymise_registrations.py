"""Anonymise the registrations of events that ended more than REGISTRATION_RETENTION_DAYS ago."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ...registrations import anonymisation_cutoff, anonymise_registrations


class Command(BaseCommand):
    help = (
        "Remove name, e-mail, organisation and needs from registrations of events that ended more "
        "than REGISTRATION_RETENTION_DAYS ago (counts per event are kept). Safe to run daily."
    )

    def handle(self, *args, **options):
        cutoff = anonymisation_cutoff()
        count = anonymise_registrations(cutoff)
        self.stdout.write(
            f"Anonymised {count} registration(s) of events that ended before "
            f"{cutoff:%Y-%m-%d %H:%M} UTC ({settings.REGISTRATION_RETENTION_DAYS} days ago)."
        )
