"""Interest expressions under a row lock, approved buyer sign-ups, saved searches, and the GDPR
export and deletion of tender plan data."""

from django.db import transaction
from django.utils import timezone

from accounts.services import OfflineReason, erase_contact, take_offline
from directory.models import SupplierProfile

from . import saved_searches
from .models import (
    AlertSetting,
    BuyerOrganisation,
    BuyerSignupRequest,
    InterestExpression,
    MarketDialogueInvitation,
    SavedSearch,
    TenderPlanEntry,
)
from .tasks import CHANGED, NEW, WITHDRAWN, notify_buyer_of_interest, send_dialogue_invitation

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


class InterestClosed(Exception):
    """The entry's deadline for expressions of interest has passed."""


class AlreadyInvited(Exception):
    """The SØV has already been invited to market dialogue about this entry."""


class TooManySearches(Exception):
    """The address already has ``saved_searches.MAX_PER_ADDRESS`` saved searches."""


def invite_to_dialogue(entry, supplier, user, message=""):
    """Invite a live SØV to market dialogue about ``entry``, once; the e-mail goes on commit."""
    with transaction.atomic():
        TenderPlanEntry.objects.select_for_update().filter(pk=entry.pk).first()
        if MarketDialogueInvitation.objects.filter(entry=entry, supplier=supplier).exists():
            raise AlreadyInvited
        invitation = MarketDialogueInvitation.objects.create(
            entry=entry, supplier=supplier, sent_by=user, message=message
        )
        transaction.on_commit(lambda: send_dialogue_invitation.enqueue(invitation.pk))
    return invitation


def ensure_open(entry):
    if not entry.accepts_interest:
        raise InterestClosed


def _notify_buyer(interest, kind):
    """E-mail the buyer in the background, once the change is committed."""
    transaction.on_commit(lambda: notify_buyer_of_interest.enqueue(interest.pk, kind))


def express_interest(entry, data, user):
    """Create the interest, or revive the supplier's withdrawn one (one row per SØV and entry)."""
    with transaction.atomic():
        interest = (
            InterestExpression.objects.select_for_update()
            .filter(entry=entry, supplier=data["supplier"])
            .first()
        )
        if interest is None:
            interest = InterestExpression(entry=entry, supplier=data["supplier"])
        interest.user = user
        interest.role = data["role"]
        interest.message = data["message"]
        interest.visible_to_others = data["visible_to_others"]
        interest.shown_publicly = data["shown_publicly"]
        interest.withdrawn_at = None
        interest.save()
        _notify_buyer(interest, NEW)
    return interest


def change_interest(form):
    """Save a changed interest (a bound, valid ``InterestForm``); the buyer hears of changes."""
    ensure_open(form.instance.entry)
    if form.has_changed():
        with transaction.atomic():
            interest = form.save()
            _notify_buyer(interest, CHANGED)


def withdraw_interest(interest):
    ensure_open(interest.entry)
    with transaction.atomic():
        interest.withdrawn_at = timezone.now()
        interest.save(update_fields=["withdrawn_at", "updated_at"])
        _notify_buyer(interest, WITHDRAWN)


@transaction.atomic
def apply_buyer_signup(account):
    """Make an approved buyer a member of the organisation chosen at sign-up.

    A public body that was not in the list is created now, at approval, so rejected sign-ups
    never add organisations.
    """
    request = BuyerSignupRequest.objects.filter(user=account.user).first()
    if request is None:
        return None
    organisation = request.organisation
    if organisation is None:
        organisation = (
            BuyerOrganisation.objects.filter(cvr=request.other_cvr).first()
            if (request.other_cvr)
            else None
        )
    if organisation is None:
        name = request.other_name
        if BuyerOrganisation.objects.filter(name=name).exists():
            name = f"{name} (CVR {request.other_cvr})"
        organisation = BuyerOrganisation.objects.create(
            name=name, kind=BuyerOrganisation.Kind.OTHER, cvr=request.other_cvr
        )
    organisation.members.add(account.user)
    request.delete()
    return organisation


def personal_data(user):
    interests = InterestExpression.objects.filter(user=user).select_related("entry", "supplier")
    request = BuyerSignupRequest.objects.filter(user=user).first()
    setting = AlertSetting.objects.filter(user=user).first()
    return {
        "tender_plan": {
            "tender_alerts": setting.frequency if setting else None,
            "tender_alerts_sent": list(
                user.tender_alerts.filter(sent_at__isnull=False).values_list(
                    "entry__title", flat=True
                )
            ),
            "buyer_organisations": list(user.buyer_organisations.values_list("name", flat=True)),
            "pending_buyer_sign_up": (
                {"organisation": str(request), "cvr": request.other_cvr} if request else None
            ),
            "expressions_of_interest": [
                {
                    "entry": interest.entry.title,
                    "social_enterprise": interest.supplier.name,
                    "role": interest.role,
                    "message": interest.message,
                    "visible_to_others": interest.visible_to_others,
                    "shown_publicly": interest.shown_publicly,
                    "created_at": interest.created_at,
                    "withdrawn_at": interest.withdrawn_at,
                }
                for interest in interests
            ],
            "saved_searches": saved_searches.personal_data(user.email) if user.email else [],
        }
    }


def delete_personal_data(user):
    """What a leaving user's tender plan data becomes (their address's saved searches go).

    The entries of an organisation the user was the last member of go offline and lose their
    contact person; other entries of the user's organisations lose it where it is the user (both
    also in the entries' revisions). Interests stay with the enterprise's profile but no longer
    name the person who sent them; a profile left without owners withdraws its interests.
    """
    for organisation in user.buyer_organisations.all():
        last_member = not organisation.members.exclude(pk=user.pk).exists()
        for entry in organisation.entries.all():
            if last_member:
                take_offline(entry, OfflineReason.LAST_MEMBER_DELETED)
                erase_contact(entry, CONTACT_FIELDS)
            else:
                erase_contact(entry, CONTACT_FIELDS, user)
    _withdraw_interests(_profiles_left_without_owners(user))
    InterestExpression.objects.filter(user=user).update(user=None)
    BuyerSignupRequest.objects.filter(user=user).delete()
    user.buyer_organisations.clear()
    if user.email:
        saved_searches.delete_for_address(user.email)


def _profiles_left_without_owners(user):
    others = SupplierProfile.owners.through.objects.exclude(user=user)
    return SupplierProfile.objects.filter(owners=user).exclude(
        pk__in=others.values("supplierprofile_id")
    )


def _withdraw_interests(profiles):
    interests = InterestExpression.objects.filter(supplier__in=profiles)
    for pk in interests.active().values_list("pk", flat=True):
        transaction.on_commit(lambda pk=pk: notify_buyer_of_interest.enqueue(pk, WITHDRAWN))
    interests.active().update(withdrawn_at=timezone.now())
    interests.update(message="", updated_at=timezone.now())


def save_search(email, kind, query, language):
    """Store the search unconfirmed (or find it again) and e-mail the confirmation link on
    commit; raises ``TooManySearches``."""
    with transaction.atomic():
        mine = list(SavedSearch.objects.select_for_update().filter(email=email))
        search = next((s for s in mine if (s.kind, s.query) == (kind, query)), None)
        if search is None:
            if len(mine) >= saved_searches.MAX_PER_ADDRESS:
                raise TooManySearches
            search, _created = SavedSearch.objects.get_or_create(
                email=email, kind=kind, query=query, defaults={"language": language}
            )
        elif search.confirmed_at is None and search.language != language:
            search.language = language
            search.save(update_fields=["language"])
        saved_searches.send_confirmation(search)
    return search


def confirm_search(search):
    """Make the search active with its current results as the baseline (once)."""
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().get(pk=search.pk)
        if search.confirmed_at is None:
            saved_searches.record(search, saved_searches.current_ids(search))
            search.confirmed_at = timezone.now()
            search.save(update_fields=["confirmed_at"])
    return search
