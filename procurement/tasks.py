"""Background work of the tender plan: telling buyers about new, changed and withdrawn interest."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from accounts.emails import absolute
from accounts.services import user_language
from cms.tasks import retried_task

NEW, CHANGED, WITHDRAWN = "new", "changed", "withdrawn"
TEMPLATES = {
    NEW: "procurement/emails/interest_received.txt",
    CHANGED: "procurement/emails/interest_changed.txt",
    WITHDRAWN: "procurement/emails/interest_withdrawn.txt",
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
    members = interest.entry.organisation.members.filter(is_active=True).exclude(email="")
    sent = 0
    for member in members:
        with translation.override(user_language(member)):
            text = render_to_string(
                TEMPLATES[kind],
                {
                    "interest": interest,
                    "entry": interest.entry,
                    "member": member,
                    "admin_link": absolute(interest_admin_url(interest)),
                },
            ).strip()
        subject, _newline, body = text.partition("\n")
        sent += send_mail(
            subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [member.email]
        )
    return sent


def interest_admin_url(interest):
    from django.urls import reverse

    return reverse("wagtailsnippets_procurement_interestexpression:inspect", args=[interest.pk])
