"""Telling SØV users about new matching entries: immediately or in daily or weekly digests.

Publishing an entry (or moving its deadline for interest) queues one ``AlertDelivery`` per
user of each matching live profile, once per deadline. Sending locks a user's queued rows, marks
them sent and sends one e-mail in the same transaction, so a job that runs twice or dies halfway
never tells a user about the same entry twice: a failed send leaves the rows queued for the next
run. Nothing goes to users without a live profile, nor about entries no longer published.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from accounts.emails import absolute, templated_message, unsubscribe_headers
from accounts.services import user_language
from directory.models import SupplierProfile

from .matching import matches, reasons_of
from .models import OPEN_STATUSES, AlertDelivery, AlertSetting, TenderPlanEntry

Frequency = AlertSetting.Frequency
UNSUBSCRIBE_SALT = "procurement.alerts.unsubscribe"


def frequency_of(user):
    setting = AlertSetting.objects.filter(user=user).first()
    return setting.frequency if setting else Frequency.WEEKLY


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def unsubscribe(user):
    AlertSetting.objects.update_or_create(user=user, defaults={"frequency": Frequency.OFF})


def queue_alerts(entry_id):
    """Queue the entry for the users of every matching live profile; send the immediate ones.
    Returns the number of e-mails sent now."""
    entry = TenderPlanEntry.objects.filter(pk=entry_id, live=True, status__in=OPEN_STATUSES).first()
    if entry is None or entry.deadline_passed:
        return 0
    found = matches(entry_ids=[entry.pk], limit=None)
    best = {}
    owners = SupplierProfile.owners.through.objects.filter(
        supplierprofile_id__in=[m.profile_id for m in found]
    ).values_list("supplierprofile_id", "user_id")
    by_profile = {}
    for profile_id, user_id in owners:
        by_profile.setdefault(profile_id, []).append(user_id)
    for match in found:  # best first
        for user_id in by_profile.get(match.profile_id, []):
            best.setdefault(user_id, match.row)
    users = list(_active_recipients().filter(pk__in=best).exclude(frequency=Frequency.OFF))
    key = entry.interest_deadline.isoformat() if entry.interest_deadline else ""
    AlertDelivery.objects.bulk_create(
        [
            AlertDelivery(user=user, entry=entry, deadline_key=key, match=best[user.pk])
            for user in users
        ],
        ignore_conflicts=True,
    )
    return sum(send_pending(user) for user in users if user.frequency == Frequency.IMMEDIATELY)


def _active_recipients():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .annotate(
            frequency=Coalesce("tender_alert_setting__frequency", Value(Frequency.WEEKLY.value))
        )
    )


def send_digests(frequency):
    """Send every user with this frequency their queued entries, one e-mail each."""
    users = _active_recipients().filter(
        frequency=frequency,
        pk__in=AlertDelivery.objects.filter(sent_at__isnull=True).values("user"),
    )
    return sum(send_pending(user) for user in users.order_by("pk"))


def send_pending(user):
    """Mark the user's queued, still relevant rows sent and send them in one e-mail (1 or 0)."""
    if not SupplierProfile.objects.live().filter(owners=user).exists():
        return 0
    with transaction.atomic():
        pending = list(
            AlertDelivery.objects.select_for_update(skip_locked=True)
            .filter(user=user, sent_at__isnull=True, entry__live=True)
            .select_related("entry__organisation")
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        AlertDelivery.objects.filter(pk__in=[d.pk for d in pending]).update(sent_at=timezone.now())
        return _message(user, pending).send()


def _message(user, deliveries):
    language = user_language(user)
    with translation.override(language):
        unsubscribe_url = absolute(
            reverse("procurement_unsubscribe", args=[unsubscribe_token(user)])
        )
        context = {
            "user": user,
            "items": [
                (d.entry, absolute(d.entry.get_url() or ""), " · ".join(reasons_of(d.match)))
                for d in deliveries
            ],
            "unsubscribe_url": unsubscribe_url,
            "settings_url": absolute(reverse("procurement_alerts:settings")),
        }
    return templated_message(
        "procurement/emails/tender_alert",
        context,
        [user.email],
        language,
        headers=unsubscribe_headers(unsubscribe_url),
    )
