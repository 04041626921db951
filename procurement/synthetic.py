"""Synthetic tender plan entries, interests and SØV users with tender alerts, for benchmarks.

Entries are live rows without revisions (like imported data) whose contact e-mail ends with
``SYNTHETIC_DOMAIN``; users' names start with ``USER_PREFIX``. Both are written in bulk and can
be removed again without touching real or demo data.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from directory.models import CpvCode, Municipality, SupplierProfile
from directory.synthetic import SLUG_PREFIX, TRADES

from .models import (
    AlertSetting,
    BuyerOrganisation,
    InterestExpression,
    Procedure,
    Reservation,
    Status,
    TenderPlanEntry,
)
from .queries import add_months

SYNTHETIC_DOMAIN = "@syntetisk.invalid"
USER_PREFIX = "syntetisk-bruger-"
BATCH = 2000
PLACES = ["skoler", "daginstitutioner", "plejecentre", "rådhuset", "biblioteker", "jobcentret"]
VALUES = [None, 50_000, 200_000, 500_000, 1_500_000, 4_000_000, 12_000_000]


def synthetic_entries():
    return TenderPlanEntry.objects.filter(contact_email__endswith=SYNTHETIC_DOMAIN)


def generate_entries(count, seed=1, stdout=None):
    """Add ``count`` live entries with CPV codes, municipalities, deadlines and interests;
    returns how many were created."""
    from wagtail.search.backends import get_search_backend

    existing = synthetic_entries().count()
    rng = random.Random(seed + existing)  # noqa: S311
    organisations = list(BuyerOrganisation.objects.values_list("pk", "name"))
    trade_codes = CpvCode.objects.filter(code__in={c for t in TRADES for c in t[1]})
    labels = dict(trade_codes.values_list("code", "label_da"))
    municipalities = list(Municipality.objects.values_list("code", flat=True))
    suppliers = list(
        SupplierProfile.objects.live()
        .filter(slug__startswith=SLUG_PREFIX)
        .values_list("pk", flat=True)
    )
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    while created < count:
        entries, codes, areas = [], [], []
        for i in range(min(BATCH, count - created)):
            n = existing + created + i
            organisation, buyer = rng.choice(organisations)
            trade, trade_codes, what = rng.choice(TRADES)
            chosen = rng.sample(trade_codes, k=rng.randint(1, min(2, len(trade_codes))))
            months = rng.randint(-3, 18)
            publication = add_months(today.replace(day=1), months)
            status = rng.choices(
                [Status.PLANNED, Status.PUBLISHED, Status.AWARDED, Status.CANCELLED],
                weights=[70, 20, 5, 5],
            )[0]
            low = rng.choice(VALUES)
            duration = rng.choice([None, 12, 24, 36, 48])
            entry = TenderPlanEntry(
                organisation_id=organisation,
                title=f"{labels.get(chosen[0], trade)} til {rng.choice(PLACES)} {n}",
                summary=f"{buyer} køber {what}, opdelt i delaftaler efter område.",
                description=f"<p>{trade}: {what}. Kontakt os gerne med spørgsmål.</p>",
                procedure=rng.choice(Procedure.values),
                reservation=(
                    Reservation.SHELTERED_WORKSHOPS if rng.random() < 0.15 else Reservation.NONE
                ),
                value_min=low,
                value_max=low * rng.choice([1, 2, 3]) if low else None,
                expected_publication=publication,
                contract_start=add_months(publication, 3) if duration else None,
                contract_duration_months=duration,
                interest_deadline=today + datetime.timedelta(days=rng.randint(-30, 120)),
                contact_name="Indkøbsafdelingen",
                contact_email=f"indkoeb-{organisation}{SYNTHETIC_DOMAIN}",
                status=status,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            date_field = {Status.PUBLISHED: "published_on", Status.AWARDED: "awarded_on"}.get(
                status, "cancelled_on" if status == Status.CANCELLED else None
            )
            if date_field:
                setattr(entry, date_field, today)
            entry.match_terms = entry.words_to_match()
            entries.append(entry)
            codes.append(chosen)
            named = rng.random() < 0.5  # else the buyer's own area
            areas.append(rng.sample(municipalities, k=rng.randint(1, 3)) if named else [])
        with transaction.atomic():
            TenderPlanEntry.objects.bulk_create(entries)
            cpv = TenderPlanEntry.cpv_codes.through
            cpv.objects.bulk_create(
                cpv(tenderplanentry_id=e.pk, cpvcode_id=c)
                for e, chosen in zip(entries, codes, strict=True)
                for c in chosen
            )
            places = TenderPlanEntry.delivery_municipalities.through
            places.objects.bulk_create(
                places(tenderplanentry_id=e.pk, municipality_id=m)
                for e, area in zip(entries, areas, strict=True)
                for m in area
            )
            InterestExpression.objects.bulk_create(_interests(rng, entries, suppliers))
        batch = synthetic_entries().filter(pk__in=[e.pk for e in entries])
        batch = batch.select_related("organisation").prefetch_related("cpv_codes")
        get_search_backend().add_bulk(TenderPlanEntry, list(batch))
        created += len(entries)
        if stdout is not None:
            stdout.write(f"  {existing + created} synthetic tender plan entries")
    return created


def _interests(rng, entries, suppliers):
    """About one interest per entry, from the synthetic live profiles."""
    if not suppliers:
        return []
    roles = InterestExpression.Role.values
    return [
        InterestExpression(entry_id=entry.pk, supplier_id=supplier, role=rng.choice(roles))
        for entry in entries
        if rng.random() < 0.4
        for supplier in rng.sample(suppliers, k=min(len(suppliers), rng.randint(1, 4)))
    ]


def generate_alert_users(count, frequency=AlertSetting.Frequency.DAILY):
    """SØV users (up to ``count`` in all) who each own one live synthetic profile and get tender
    alerts at ``frequency``; returns how many were created."""
    users = get_user_model().objects
    existing = users.filter(username__startswith=USER_PREFIX).count()
    missing = count - existing
    if missing <= 0:
        return 0
    owned = SupplierProfile.owners.through.objects.values("supplierprofile_id")
    profiles = list(
        SupplierProfile.objects.live()
        .filter(slug__startswith=SLUG_PREFIX)
        .exclude(pk__in=owned)
        .order_by("pk")
        .values_list("pk", flat=True)[:missing]
    )
    with transaction.atomic():
        created = users.bulk_create(
            get_user_model()(
                username=f"{USER_PREFIX}{existing + i}",
                email=f"{USER_PREFIX}{existing + i}{SYNTHETIC_DOMAIN}",
                password=make_password(None),  # unusable: never logs in
                is_active=True,
            )
            for i in range(len(profiles))
        )
        AlertSetting.objects.bulk_create(
            AlertSetting(user=user, frequency=frequency) for user in created
        )
        SupplierProfile.owners.through.objects.bulk_create(
            SupplierProfile.owners.through(supplierprofile_id=profile, user_id=user.pk)
            for profile, user in zip(profiles, created, strict=True)
        )
    return len(created)
