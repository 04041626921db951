"""Time and peak memory of streaming every live supplier as JSON Lines and CSV."""

import resource
import time
import tracemalloc

from django.core.management.base import BaseCommand
from django.test import RequestFactory

from directory.models import SupplierProfile

from ...bulk import supplier_file


class Command(BaseCommand):
    help = "Stream the bulk supplier files once each and report rows, bytes, seconds and memory."

    def handle(self, *args, **options):
        rows = SupplierProfile.objects.live().count()
        for fmt in ("jsonl", "csv"):
            for encoding in ("", "gzip"):
                request = RequestFactory().get(
                    f"/api/v1/suppliers.{fmt}", HTTP_ACCEPT_ENCODING=encoding, HTTP_HOST="localhost"
                )
                tracemalloc.start()
                started = time.perf_counter()
                size = sum(len(chunk) for chunk in supplier_file(request, fmt).streaming_content)
                seconds = time.perf_counter() - started
                _current, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                self.stdout.write(
                    f"{fmt:5} {encoding or 'plain':5} rows={rows} bytes={size} "
                    f"seconds={seconds:.1f} python_peak_mb={peak / 2**20:.1f} "
                    f"max_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
                )
