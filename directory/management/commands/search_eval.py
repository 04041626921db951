"""Score the directory search on the judged set: nDCG@10, MRR and recall@50 per query and in total.

Creates a throwaway database on the server of DATABASE_URL, the way the test runner does
(``test_<name>_search_eval`` on PostgreSQL, in memory on SQLite), builds the demo page tree,
imports the profiles with ``import_profiles --publish``, runs every query through the directory
page (``/leverandoerer/?q=…``, English queries on ``/en/leverandoerer/``), reads the order of the
result cards from the rendered pages, and drops the database again. See docs/search.md.
"""

import io
import json
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from directory.demo import DEMO_FILE
from directory.evaluation import QUERIES_FILE, evaluate, load_queries, report_lines

OUTPUT = Path(settings.BASE_DIR) / "bench" / "results" / "search-eval.json"
ISOLATED = {
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "ALLOWED_HOSTS": ["localhost", "testserver"],
}


def throwaway_name(name):
    """Never the database itself, nor the test runner's ``test_<name>``."""
    return f"test_{name}" if name.endswith("search_eval") else f"test_{name}_search_eval"


@contextmanager
def throwaway_database(reuse=False):
    """``reuse``: keep the database afterwards and use it again next time (PostgreSQL)."""
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor != "sqlite":
        test["NAME"] = throwaway_name(connection.settings_dict["NAME"])
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=reuse
    )
    try:
        yield
    finally:
        if not reuse:
            connection.creation.destroy_test_db(old_name, verbosity=0)


class Command(BaseCommand):
    help = "Score the directory search on the judged queries (in a throwaway database)."

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=Path, default=DEMO_FILE)
        parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
        parser.add_argument("--output", type=Path, default=OUTPUT)
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Keep the loaded database for next time; on reuse only rebuild the search text.",
        )

    def handle(self, *args, profiles, queries, output, reuse, **options):
        judged = load_queries(queries)
        with (
            override_settings(**ISOLATED),
            throwaway_database(reuse and connection.vendor != "sqlite"),
        ):
            vendor = connection.vendor
            count, base_paths, cvr_by_slug = self.load(profiles, reuse)
            result = evaluate(Client(HTTP_HOST="localhost"), judged, base_paths, cvr_by_slug)
        result["profiles"] = count
        result["database"] = vendor
        self.stdout.write(
            f"Search evaluation: {len(judged)} queries over {count} profiles ({vendor})"
        )
        for line in report_lines(result):
            self.stdout.write(line)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Written to {output}")

    def load(self, profiles, reuse=False):
        from cms.demo.loader import load as load_pages
        from directory.models import DirectoryIndexPage, SupplierProfile
        from directory.search import reindex_all

        if reuse and SupplierProfile.objects.live().exists():
            reindex_all(SupplierProfile.objects.all())
        else:
            quiet = io.StringIO()
            load_pages(quiet)
            errors = io.StringIO()
            call_command(
                "import_profiles", str(profiles), publish=True, stdout=quiet, stderr=errors
            )
            if errors.getvalue():
                raise CommandError(f"Some profiles were not imported:\n{errors.getvalue()}")
        base_paths = {
            page.locale.language_code: page.url
            for page in DirectoryIndexPage.objects.live().select_related("locale")
        }
        if set(base_paths) != {"da", "en"}:
            raise CommandError("The directory page is missing in Danish or English.")
        live = SupplierProfile.objects.live()
        return live.count(), base_paths, dict(live.values_list("slug", "cvr"))
