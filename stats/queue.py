"""The editors' queue: sign-ups awaiting approval and profile changes awaiting moderation in one
list, oldest first, with what an editor checks before deciding (CVR, e-mail domain and, for a
buyer, whether that domain fits the public body chosen)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import WorkflowState

from accounts.models import Account
from directory.models import SupplierProfile
from procurement.domains import DomainCheck, check_domain, email_domain
from procurement.models import BuyerSignupRequest

CVR_REGISTER = "https://datacvr.virk.dk/enhed/virksomhed/{cvr}"


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "signup" or "change"
    label: str
    name: str
    person: str
    email: str
    cvr: str
    since: object
    domain: DomainCheck
    authority: str = ""  # for a buyer: the public body chosen at sign-up
    claims_cvr: str = ""  # a SØV asking to join an existing profile
    account: Account | None = None
    review_url: str = ""

    @property
    def cvr_url(self):
        return CVR_REGISTER.format(cvr=self.cvr) if self.cvr else ""

    @property
    def is_buyer(self):
        return self.account is not None and self.account.kind == Account.Kind.BUYER


def queue_items():
    """Every waiting sign-up and profile change, the longest waiting first (five queries)."""
    items = _signups() + _changes()
    return sorted(items, key=lambda item: item.since)


def _signups():
    accounts = list(
        Account.objects.filter(status=Account.Status.AWAITING_APPROVAL).select_related("user")
    )
    user_ids = [account.user_id for account in accounts]
    requests = {
        request.user_id: request
        for request in BuyerSignupRequest.objects.filter(user_id__in=user_ids).select_related(
            "organisation__municipality"
        )
    }
    draft_cvrs = dict(
        SupplierProfile.owners.through.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "supplierprofile__cvr"
        )
    )
    items = []
    for account in accounts:
        user = account.user
        if account.kind == Account.Kind.BUYER:
            request = requests.get(user.pk)
            organisation = request.organisation if request else None
            cvr = organisation.cvr if organisation else getattr(request, "other_cvr", "")
            authority, domain = str(request or ""), check_domain(user.email, organisation)
            label = _("Sign-up: public buyer")
        else:
            cvr = account.claim_cvr or draft_cvrs.get(user.pk, "")
            authority, domain = "", DomainCheck(email_domain(user.email), None, [])
            label = _("Sign-up: social enterprise")
        items.append(
            QueueItem(
                kind="signup",
                label=label,
                name=account.organisation_name,
                person=user.get_full_name(),
                email=user.email,
                cvr=cvr,
                since=account.email_confirmed_at or account.created_at,
                domain=domain,
                authority=authority,
                claims_cvr=account.claim_cvr,
                account=account,
            )
        )
    return items


def _changes():
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(SupplierProfile),
        ).select_related("requested_by")
    )
    profiles = SupplierProfile.objects.in_bulk([int(state.object_id) for state in states])
    items = []
    for state in states:
        profile = profiles.get(int(state.object_id))
        if profile is None:
            continue
        requester = state.requested_by
        email = requester.email if requester else ""
        items.append(
            QueueItem(
                kind="change",
                label=_("Change to a published profile") if profile.live else _("New profile"),
                name=profile.name,
                person=requester.get_full_name() if requester else "",
                email=email,
                cvr=profile.cvr,
                since=state.created_at,
                domain=DomainCheck(email_domain(email), None, []),
                review_url=reverse(
                    "wagtailsnippets_directory_supplierprofile:edit", args=[profile.pk]
                ),
            )
        )
    return items
