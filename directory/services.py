"""The SØV sign-up's writes: the applicant and their draft profile, and claims on listed ones;
messages to a SØV through its profile page."""

from django.conf import settings
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
from .models import ContactMessage, SupplierProfile


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


MESSAGE_FIELDS = ("name", "email", "organisation", "subject", "message")


class NotContactable(Exception):
    """The profile is offline, or no one would receive a message to it."""


def contact_recipients(profile):
    """[(address, language)] a message to ``profile`` goes to: its active users in their own
    language, or, for a profile no one has claimed, its contact address in Danish."""
    owners = profile.owners.filter(is_active=True).exclude(email="").order_by("pk")
    recipients = [(owner.email, user_language(owner)) for owner in owners]
    if not recipients and profile.email:
        recipients = [(profile.email, settings.LANGUAGE_CODE)]
    return recipients


def send_contact_message(profile, data, language, profile_url):
    """Store a visitor's message to a live profile and queue it for the SØV's users, and a copy
    for the sender in ``language`` (linking to ``profile_url``); the e-mails leave only once the
    message is stored."""
    with transaction.atomic():
        profile = SupplierProfile.objects.select_for_update().filter(pk=profile.pk).first()
        recipients = contact_recipients(profile) if profile and profile.live else []
        if not recipients:
            raise NotContactable
        fields = {name: data[name] for name in MESSAGE_FIELDS}
        message = ContactMessage.objects.create(profile=profile, language=language, **fields)
        link = absolute(
            reverse("wagtailsnippets_directory_contactmessage:inspect", args=[message.pk])
        )
        for address, recipient_language in recipients:
            send_templated(
                "directory/emails/contact_message",
                {"message": message, "profile": profile, "link": link},
                [address],
                language=recipient_language,
            )
        send_templated(
            "directory/emails/contact_copy",
            {"message": message, "profile": profile, "link": absolute(profile_url)},
            [message.email],
            language=language,
        )
    return message


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
