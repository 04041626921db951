"""Demo supplier profiles: a JSON Lines file of fictional enterprises, loaded through the importer.

Rows marked ``_state: draft`` stay drafts, ``_state: moderation`` are sent for approval, and
``_rsv_verified`` rows get the editors' RSV check. A second run changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from .importer import RowImporter, _jsonl_rows
from .models import SupplierProfile

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_profiles.jsonl"


def load_demo_profiles(pages, stdout, **kwargs):
    text = DEMO_FILE.read_text(encoding="utf-8")
    rows = list(_jsonl_rows(text))
    live = [(n, row) for n, row in rows if not row.get("_state")]
    drafts = [(n, row) for n, row in rows if row.get("_state")]
    published = RowImporter(publish=True).run(live)
    unpublished = RowImporter(publish=False).run(drafts)
    for line, reason in published.errors + unpublished.errors:
        stdout.write(f"{DEMO_FILE.name}:{line}: {reason}")
    _verify_rsv([row["cvr"] for _n, row in rows if row.get("_rsv_verified")])
    _send_for_moderation([row["cvr"] for _n, row in rows if row.get("_state") == "moderation"])
    stdout.write(
        f"Supplier profiles: {published.created + unpublished.created} created, "
        f"{published.updated + unpublished.updated} updated, "
        f"{published.unchanged + unpublished.unchanged} unchanged."
    )


def _verify_rsv(cvrs):
    # As an editor's check in the admin: a revision with the box ticked, published (publishing
    # saves the profile; a save before it only wrote and indexed everything twice).
    for profile in SupplierProfile.objects.filter(cvr__in=cvrs, live=True, rsv_verified=False):
        with transaction.atomic():
            profile.rsv_verified = True
            profile.save_revision().publish()


def _send_for_moderation(cvrs):
    for profile in SupplierProfile.objects.filter(cvr__in=cvrs, live=False):
        workflow = profile.get_workflow()
        if workflow is None or profile.workflow_in_progress:
            continue
        user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        workflow.start(profile, user)
