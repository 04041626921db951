"""Background work of the tender plan: telling buyers about new, changed and withdrawn interest."""

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
