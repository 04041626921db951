"""Import supplier profiles from a JSON Lines or CSV file (format: ``directory/importer.py``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from directory.importer import import_file


class Command(BaseCommand):
    help = "Import supplier profiles from a JSON Lines (.jsonl) or CSV file; updates by CVR."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--publish", action="store_true", help="Make the imported profiles live."
        )

    def handle(self, *args, file, publish, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        with file.open("rb") as handle, translation.override(settings.LANGUAGE_CODE):
            report = import_file(handle, file.name, publish=publish)
        for line, reason in report.errors:
            self.stderr.write(f"{file.name}:{line}: {reason}")
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(report.summary())
        if report.errors and not report.imported and not report.unchanged:
            raise CommandError("No rows were imported.")
