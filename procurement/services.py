"""Applying approved buyer sign-ups and the GDPR export and deletion of tender plan data."""

from django.db import transaction

from .models import BuyerOrganisation, BuyerSignupRequest, InterestExpression


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
    return {
        "tender_plan": {
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
        }
    }


def delete_personal_data(user):
    """Interests stay with the enterprise's profile but no longer name the person who sent them."""
    InterestExpression.objects.filter(user=user).update(user=None)
    BuyerSignupRequest.objects.filter(user=user).delete()
    user.buyer_organisations.clear()
