"""Reminding the owners of a profile nobody has updated for a year: at most once a quarter, under
a row lock, logged in Wagtail's log, e-mailed in each owner's language once committed."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.emails import absolute, send_templated
from accounts.services import user_language
from directory.models import SupplierProfile

REMINDER_ACTION = "stats.profile_reminder"
STALE_AFTER = datetime.timedelta(days=365)


class AlreadyReminded(Exception):
    """The profile's owners were already reminded this quarter."""


class NoOwners(Exception):
    """The profile has no active owner with an e-mail address to remind."""


def quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def this_quarter_began():
    start = quarter_start(timezone.localdate())
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time()))


def stale_profiles():
    """Live profiles whose published version is more than a year old."""
    return SupplierProfile.objects.live().filter(updated_at__lt=timezone.now() - STALE_AFTER)


def reminders_this_quarter(profile_ids):
    """The ids (as strings) of the given profiles whose owners were reminded this quarter."""
    return set(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(SupplierProfile),
            object_id__in=[str(pk) for pk in profile_ids],
            action=REMINDER_ACTION,
            timestamp__gte=this_quarter_began(),
        ).values_list("object_id", flat=True)
    )


def send_update_reminder(profile_id, by):
    """E-mail every owner of the profile a friendly reminder; returns how many were sent."""
    with transaction.atomic():
        profile = SupplierProfile.objects.select_for_update().get(pk=profile_id)
        if reminders_this_quarter([profile.pk]):
            raise AlreadyReminded
        owners = list(profile.owners.filter(is_active=True).exclude(email=""))
        if not owners:
            raise NoOwners
        log(
            instance=profile,
            action=REMINDER_ACTION,
            user=by,
            data={"recipients": len(owners)},
            content_changed=False,
        )
        edit_url = absolute(
            reverse("wagtailsnippets_directory_supplierprofile:edit", args=[profile.pk])
        )
        for owner in owners:
            send_templated(
                "stats/emails/profile_reminder",
                {"profile": profile, "owner": owner, "edit_url": edit_url},
                [owner.email],
                language=user_language(owner),
            )
    return len(owners)
