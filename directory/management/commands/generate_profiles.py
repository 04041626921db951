"""Add N synthetic supplier profiles (for benchmarks), or remove them again."""

from django.core.management.base import BaseCommand

from directory.synthetic import generate, remove_all


class Command(BaseCommand):
    help = "Generate synthetic supplier profiles with realistic distributions (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--remove", action="store_true", help="Delete every synthetic profile instead."
        )

    def handle(self, *args, count, seed, remove, **options):
        if remove:
            self.stdout.write(f"Removed {remove_all()} rows of synthetic profiles.")
            return
        created = generate(max(count, 0), seed=seed, stdout=self.stdout)
        self.stdout.write(f"Created {created} synthetic profiles.")
