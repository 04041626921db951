"""Times directory searches at growing numbers of profiles and reports p50/p95 per size.

Fills the database with synthetic profiles up to each size (1k, 10k, 100k by default), runs
buyer-like searches through the full page (search, filters, facet counts, rendering) and prints
the percentiles and the ratio p50(largest)/p50(smallest), twice: "new" with the cache emptied
before every request (a search nobody made since the last change) and "repeated" (the same search
again, another page or sort order: the facet counts come from the cache). Meant for PostgreSQL
and a database and cache of its own: it empties the cache.
"""

import gc
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from directory.models import DirectoryIndexPage, SupplierProfile
from directory.synthetic import SLUG_PREFIX, generate, remove_all

KINDS = ("new", "repeated")
SCENARIOS = [
    {"q": "rengøring"},
    {"q": "catering", "municipality": "751"},
    {"cpv": "90000000", "region": "1082"},
    {"q": "kantine", "target_group": "handicap"},
    {"municipality": "101", "reserved": "1"},
    {"q": "virksomheder", "sort": "newest"},
    {"cpv": "55500000", "rsv": "1"},
    {"q": "cykel", "consortia": "1", "page": "2"},
    {"q": "polstring af stole", "region": "1083"},
    {},
]


class Command(BaseCommand):
    help = "Benchmark the directory search at 1k, 10k and 100k profiles (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
        parser.add_argument("--repeat", type=int, default=5, help="Runs of every scenario.")
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic profiles.")

    def handle(self, *args, sizes, repeat, keep, **options):
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: not PostgreSQL; numbers will not match production.")
        page = DirectoryIndexPage.objects.live().filter(locale__language_code="da").first()
        if page is None:
            self.stderr.write("No live directory page: run `manage.py load_demo_data` first.")
            return
        url = page.url
        client = Client(HTTP_HOST="localhost")
        results = {}
        try:
            with override_settings(ALLOWED_HOSTS=["localhost", *settings.ALLOWED_HOSTS]):
                for size in sorted(sizes):
                    synthetic = SupplierProfile.objects.filter(slug__startswith=SLUG_PREFIX)
                    missing = size - synthetic.count()
                    if missing > 0:
                        self.stdout.write(f"Generating {missing} profiles …")
                        started = time.perf_counter()
                        generate(missing, stdout=None)
                        self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s")
                        self.compact()
                    for scenario in SCENARIOS:
                        client.get(url, scenario)
                    gc.collect()  # the generator's garbage
                    gc.freeze()  # as cms/wsgi.py does after start-up
                    for kind in KINDS:
                        timings = results.setdefault(kind, {}).setdefault(size, [])
                        for _run in range(repeat):
                            for scenario in SCENARIOS:
                                if kind == "new":
                                    cache.clear()
                                timings.append(self.time(client, url, scenario))
                        self.stdout.write(self.line(kind, size, timings))
        finally:
            if not keep:
                remove_all()
        for kind, by_size in results.items():
            if len(by_size) > 1:
                small, large = min(by_size), max(by_size)
                ratio = self.p(by_size[large], 50) / self.p(by_size[small], 50)
                self.stdout.write(f"{kind:>8}: p50({large})/p50({small}) = {ratio:.2f}")

    @staticmethod
    def compact():
        """Rewrite the tables the generator just filled, like a restored production database."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (FULL, ANALYZE) directory_supplierprofile")
                cursor.execute("VACUUM ANALYZE")

    @staticmethod
    def time(client, url, scenario):
        started = time.perf_counter()
        response = client.get(url, scenario)
        if response.status_code != 200:
            raise CommandError(f"{scenario}: HTTP {response.status_code}")
        return (time.perf_counter() - started) * 1000

    @staticmethod
    def p(values, percentile):
        return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]

    def line(self, kind, size, timings):
        return (
            f"{kind:>8} {size:>7} profiles: p50 {self.p(timings, 50):7.1f} ms   "
            f"p95 {self.p(timings, 95):7.1f} ms   ({len(timings)} requests)"
        )
