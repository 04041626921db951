"""The SØV sign-up's writes: the applicant and their draft profile, and claims on listed ones."""

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.emails import absolute, send_templated
from accounts.groups import SUPPLIERS
from accounts.models import Account
from accounts.services import create_user_with_account, user_language

from .importer import unique_slug
from .models import SupplierProfile


@transaction.atomic
def create_supplier_applicant(data, existing_profile):
    """An inactive user and, unless the CVR number is already listed, a draft profile they own;
    an applicant for a listed profile keeps the claim for the editor who approves them."""
    user = create_user_with_account(
        full_name=data["full_name"],
        email=data["email"],
        password=data["password1"],
        kind=Account.Kind.SUPPLIER,
        organisation_name=data["organisation_name"],
        group=SUPPLIERS,
    )
    if existing_profile:
        Account.objects.filter(user=user).update(claim_cvr=existing_profile.cvr)
        return user
    profile = SupplierProfile(
        name=data["organisation_name"],
        slug=unique_slug(data["organisation_name"]),
        cvr=data["cvr"],
        summary="",
        contact_name=data["full_name"],
        email=data["email"],
        live=False,
    )
    profile.save()
    profile.owners.add(user)
    profile.save_revision(user=user, log_action=True, clean=False)
    return user


def grant_claimed_profile(account):
    """On approval, an applicant who asked for an existing profile becomes one of its owners."""
    if account.kind == Account.Kind.SUPPLIER and account.claim_cvr:
        profile = SupplierProfile.objects.filter(cvr=account.claim_cvr).first()
        if profile:
            profile.owners.add(account.user)


def tell_owners_of_access_request(account):
    """Once the applicant has confirmed their e-mail, the owners of the profile they claim by CVR
    hear who asks for access; an editor decides."""
    if account.kind != Account.Kind.SUPPLIER or not account.claim_cvr:
        return
    profile = SupplierProfile.objects.filter(cvr=account.claim_cvr).first()
    if profile is None:
        return
    for owner in profile.owners.filter(is_active=True).exclude(email=""):
        send_templated(
            "directory/emails/access_requested",
            {
                "owner": owner,
                "profile": profile,
                "applicant": account.user,
                "link": absolute(reverse("directory_owner:invite", args=[profile.pk])),
            },
            [owner.email],
            language=user_language(owner),
        )


@transaction.atomic
def invite_owner(profile, data, inviter):
    """Makes a colleague an owner of the profile, with a link to choose a password."""
    user = create_user_with_account(
        full_name=data["full_name"],
        email=data["email"],
        kind=Account.Kind.SUPPLIER,
        organisation_name=profile.name,
        group=SUPPLIERS,
        approved=True,
        by=inviter,
    )
    profile.owners.add(user)
    link = absolute(
        reverse(
            "wagtailadmin_password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
    )
    send_templated(
        "directory/emails/invitation",
        {"inviter": inviter, "profile": profile, "link": link, "user": user},
        [user.email],
    )
    return user
