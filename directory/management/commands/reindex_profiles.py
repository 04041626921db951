"""Rebuild every profile's search text and vector, e.g. after an upgrade changed the rules."""

from django.core.management.base import BaseCommand

from directory.models import SupplierProfile
from directory.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search text and vector of every supplier profile."

    def handle(self, *args, **options):
        count = reindex_all(SupplierProfile.objects.all())
        self.stdout.write(f"Re-indexed {count} profiles.")
