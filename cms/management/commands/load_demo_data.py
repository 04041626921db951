"""Loads reference and demo content. Idempotent: a second run changes nothing."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wagtail import hooks

from cms.demo.loader import load

DEMO_ADMIN = ("admin", "admin@socialoekonomisk.example", "demo-admin-1234")


class Command(BaseCommand):
    help = "Load editorial demo pages (da + en) and let each app add its own demo data."

    def handle(self, *args, **options):
        pages = load(self.stdout)
        for loader in hooks.get_hooks("load_demo_data"):
            loader(pages=pages, stdout=self.stdout)
        self._admin()

    def _admin(self):
        username, email, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, email, password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin login at /admin/: {username} / {password} (local demo only)")
        )
