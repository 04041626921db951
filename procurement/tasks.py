"""Background work of the tender plan: telling buyers about new, changed and withdrawn interest,
SØVs about matching entries, and saved searches about new results."""

from django.conf import settings
from django.utils import translation

from accounts.emails import absolute, send_templated
from accounts.services import user_language
from cms.tasks import retried_task

NEW, CHANGED, WITHDRAWN = "new", "changed", "withdrawn"
TEMPLATES = {
    NEW: "procurement/emails/interest_received",
    CHANGED: "procurement/emails/interest_changed",
    WITHDRAWN: "procurement/emails/interest_withdrawn",
}


@retried_task()
def notify_buyer_of_interest(interest_id, kind=NEW):
    """E-mail every member of the entry's buyer organisation that an interest is new, changed
    or withdrawn.

    Nothing is sent when the interest is no longer in that state by the time the task runs
    (say, withdrawn before the e-mail about its change went out).
    """
    from .models import InterestExpression

    interest = (
        InterestExpression.objects.select_related("entry__organisation", "supplier", "user")
        .filter(pk=interest_id, withdrawn_at__isnull=kind != WITHDRAWN)
        .first()
    )
    if interest is None:
        return 0
    members = list(interest.entry.organisation.members.filter(is_active=True).exclude(email=""))
    admin_link = absolute(interest_admin_url(interest))
    for member in members:
        send_templated(
            TEMPLATES[kind],
            {
                "interest": interest,
                "entry": interest.entry,
                "member": member,
                "admin_link": admin_link,
            },
            [member.email],
            language=user_language(member),
        )
    return len(members)


def interest_admin_url(interest):
    from django.urls import reverse

    return reverse("wagtailsnippets_procurement_interestexpression:inspect", args=[interest.pk])


@retried_task()
def send_dialogue_invitation(invitation_id):
    """E-mail a buyer's invitation to market dialogue to the SØV's users (else its address)."""
    from .models import MarketDialogueInvitation

    invitation = (
        MarketDialogueInvitation.objects.select_related(
            "entry__organisation", "supplier", "sent_by"
        )
        .filter(pk=invitation_id, supplier__live=True)
        .first()
    )
    if invitation is None:
        return 0
    profile = invitation.supplier
    owners = list(profile.owners.filter(is_active=True).exclude(email=""))
    recipients = [(owner.email, user_language(owner)) for owner in owners]
    if not recipients and profile.email:
        recipients = [(profile.email, settings.LANGUAGE_CODE)]
    for email, language in recipients:
        with translation.override(language):
            entry_link = absolute(invitation.entry.get_url() or "")
        send_templated(
            "procurement/emails/dialogue_invitation",
            {"invitation": invitation, "entry": invitation.entry, "entry_link": entry_link},
            [email],
            language=language,
        )
    return len(recipients)


@retried_task()
def alert_matching_suppliers(entry_id):
    """Queue a published entry for the matching SØV users; e-mail those who want it at once."""
    from .alerts import queue_alerts

    return queue_alerts(entry_id)


@retried_task()
def send_alert_digests(frequency):
    """The daily or weekly digests of matching entries (also ``manage.py send_tender_alerts``)."""
    from .alerts import send_digests

    return send_digests(frequency)


@retried_task()
def send_saved_searches():
    """E-mail saved searches their new results (also ``manage.py send_saved_searches``)."""
    from .saved_searches import send_all

    return send_all()
