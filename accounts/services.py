"""Creating, confirming and deciding sign-ups."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from wagtail import hooks
from wagtail.users.models import UserProfile

from .emails import absolute, editor_addresses, send_templated
from .models import Account
from .tokens import confirmation_token


def create_pending_user(*, full_name, email, password, kind, organisation_name, group):
    """An inactive user in ``group`` with an unconfirmed account. Call inside a transaction."""
    first_name, _space, last_name = full_name.strip().partition(" ")
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=password,
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_active=False,
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = translation.get_language()
    profile.save()
    Account.objects.create(user=user, kind=kind, organisation_name=organisation_name)
    return user


def user_language(user):
    return UserProfile.get_for_user(user).preferred_language or "da"


def send_confirmation(user):
    link = absolute(reverse("accounts:confirm", args=[confirmation_token(user)]))
    send_templated(
        "confirm_email", {"user": user, "link": link}, [user.email], language=user_language(user)
    )


def confirm(account):
    """Mark the e-mail confirmed and tell the editors; False if it was already confirmed."""
    if not account.confirm_email():
        return False
    send_templated(
        "awaiting_approval",
        {"account": account, "link": absolute(reverse("accounts_admin:pending"))},
        editor_addresses(),
        language="da",
    )
    return True


def approve(account, by):
    account.approve(by)
    for hook in hooks.get_hooks("account_approved"):
        hook(account)
    send_templated(
        "approved",
        {"account": account, "link": absolute(reverse("wagtailadmin_login"))},
        [account.user.email],
        language=user_language(account.user),
    )


def reject(account, by, reason):
    account.reject(by, reason)
    send_templated(
        "rejected", {"account": account}, [account.user.email], language=user_language(account.user)
    )
