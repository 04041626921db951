"""Time and peak memory of streaming every live supplier as JSON Lines and CSV."""

import resource
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory

from directory.models import SupplierProfile

from ...bulk import supplier_file

VARIANTS = ("jsonl", "jsonl.gz", "csv", "csv.gz")


class Command(BaseCommand):
    help = "Stream the bulk supplier files once each and report rows, bytes, seconds and memory."

    def add_arguments(self, parser):
        parser.add_argument(
            "variants",
            nargs="*",
            help=f"Formats to stream, any of {', '.join(VARIANTS)} (default: all).",
        )
        parser.add_argument(
            "--no-tracemalloc",
            action="store_true",
            help="Time without tracing Python allocations (faster; no Python peak).",
        )

    def handle(self, *args, variants, no_tracemalloc, **options):
        unknown = set(variants) - set(VARIANTS)
        if unknown:
            raise CommandError(f"Unknown format: {', '.join(sorted(unknown))}")
        rows = SupplierProfile.objects.live().count()
        for variant in variants or VARIANTS:
            fmt, _dot, encoding = variant.partition(".")
            encoding = "gzip" if encoding else ""
            request = RequestFactory().get(
                f"/api/v1/suppliers.{fmt}", HTTP_ACCEPT_ENCODING=encoding, HTTP_HOST="localhost"
            )
            if not no_tracemalloc:
                tracemalloc.start()
            started = time.perf_counter()
            size = sum(len(chunk) for chunk in supplier_file(request, fmt).streaming_content)
            seconds = time.perf_counter() - started
            peak = "-"
            if not no_tracemalloc:
                peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f}"
                tracemalloc.stop()
            self.stdout.write(
                f"{fmt:5} {encoding or 'plain':5} rows={rows} bytes={size} "
                f"seconds={seconds:.1f} python_peak_mb={peak} "
                f"max_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
            )
