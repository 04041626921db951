"""Factories for tender plan tests: buyers, entries, social enterprises and their users."""

import datetime
import itertools

import factory
from stdnum.dk import cvr as cvr_number

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.groups import BUYERS, SUPPLIERS
from directory.models import CpvCode, SupplierProfile
from procurement.models import BuyerOrganisation, InterestExpression, TenderPlanEntry

_cvr_bases = itertools.count(2345670)


def valid_cvr():
    """A fresh CVR number with a correct check digit."""
    while True:
        base = next(_cvr_bases)
        for digit in range(10):
            number = f"{base}{digit}"
            if cvr_number.is_valid(number):
                return number


def make_user(email, group=None, **fields):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="correct-horse-42", **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_buyer(email, organisation):
    user = make_user(email, BUYERS, first_name="Bo")
    organisation.members.add(user)
    return user


def make_supplier(name, email, live=True, **fields):
    """A social enterprise profile owned by a new supplier user; returns (profile, user)."""
    user = make_user(email, SUPPLIERS, first_name="Sara")
    slug = name.lower().replace(" ", "-").replace("ø", "oe")
    profile = SupplierProfile(
        name=name,
        slug=slug,
        cvr=valid_cvr(),
        summary=f"{name} gør noget godt.",
        live=live,
        **fields,
    )
    profile.save()
    profile.owners.add(user)
    return profile, user


class BuyerOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Testmyndighed {n}")
    kind = BuyerOrganisation.Kind.STATE

    class Meta:
        model = BuyerOrganisation


def months_ahead(months, day=1):
    today = timezone.localdate()
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, day)


def make_entry(organisation, *, cpv=("90911200",), publish=True, municipalities=(), **fields):
    """A tender plan entry; published (live) unless ``publish=False``."""
    defaults = {
        "title": "Rengøring af skoler",
        "summary": "Daglig rengøring af tre skoler.",
        "procedure": "below_threshold",
        "expected_publication": months_ahead(2),
        "interest_deadline": timezone.localdate() + datetime.timedelta(days=30),
        "value_min": 100_000,
        "value_max": 400_000,
    }
    entry = TenderPlanEntry(organisation=organisation, **{**defaults, **fields})
    entry.cpv_codes = list(CpvCode.objects.filter(code__in=cpv))
    entry.delivery_municipalities = list(municipalities)
    entry.live = False
    entry.save()
    if publish:
        entry.save_revision().publish()
        entry.refresh_from_db()
    return entry


def make_interest(entry, profile, user, **fields):
    return InterestExpression.objects.create(
        entry=entry,
        supplier=profile,
        user=user,
        role=fields.pop("role", "main_supplier"),
        **fields,
    )
