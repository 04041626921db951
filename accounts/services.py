"""Creating, confirming and deciding sign-ups; taking content offline and erasing personal data."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from wagtail import hooks
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision
from wagtail.users.models import UserProfile
from wagtail.users.utils import get_deleted_user_display_name

from .emails import absolute, editor_addresses, send_templated
from .models import Account
from .tokens import confirmation_token


def create_user_with_account(
    *, full_name, email, kind, organisation_name, group, password=None, approved=False, by=None
):
    """A user in ``group`` with an ``Account``; call inside a transaction.

    A sign-up is inactive and unconfirmed, and keeps the active language as the user's own. An
    ``approved`` user (invited by ``by``, or demo data) is active, confirmed and approved.
    Without a password the user chooses one through a password-reset link.
    """
    first_name, _space, last_name = full_name.strip().partition(" ")
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=password,
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_active=approved,
    )
    user.groups.add(Group.objects.get(name=group))
    account = Account(user=user, kind=kind, organisation_name=organisation_name)
    if approved:
        now = timezone.now()
        account.status = Account.Status.APPROVED
        account.email_confirmed_at = account.decided_at = now
        account.decided_by = by
    else:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = translation.get_language()
        profile.save()
    account.save()
    return user


def account_with_email(email):
    """The user a sign-up with ``email`` would collide with, if any."""
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    return users.select_related("account").first()


def answer_taken_email(user, password):
    """A sign-up with the e-mail address of an existing account creates nothing; the address is
    told by e-mail instead (a new confirmation link while it is unconfirmed), so the visitor gets
    the same answer as for a new address. Hashing the password, as a new sign-up does, keeps the
    answer's timing alike too."""
    make_password(password)
    account = getattr(user, "account", None)
    if account is not None and account.status == Account.Status.UNCONFIRMED:
        send_confirmation(user)
        return
    send_templated(
        "accounts/emails/signup_attempt",
        {
            "user": user,
            "login_link": absolute(reverse("wagtailadmin_login")),
            "reset_link": absolute(reverse("wagtailadmin_password_reset")),
        },
        [user.email],
        language=user_language(user),
    )


def user_language(user):
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def send_confirmation(user):
    link = absolute(reverse("accounts:confirm", args=[confirmation_token(user)]))
    send_templated(
        "accounts/emails/confirm_email",
        {"user": user, "link": link},
        [user.email],
        language=user_language(user),
    )


def resend_confirmation(email):
    """A new confirmation link to ``email`` if its account is still unconfirmed; nothing
    otherwise, and the caller says the same either way."""
    user = account_with_email(email)
    account = getattr(user, "account", None) if user is not None else None
    if account is not None and account.status == Account.Status.UNCONFIRMED:
        send_confirmation(user)


def confirm(account):
    """Mark the e-mail confirmed and tell the editors; False if it was already confirmed."""
    if not account.confirm_email():
        return False
    for hook in hooks.get_hooks("account_confirmed"):
        hook(account)
    send_templated(
        "accounts/emails/awaiting_approval",
        {"account": account, "link": absolute(reverse("accounts_admin:pending"))},
        editor_addresses(),
        language=settings.LANGUAGE_CODE,
    )
    return True


def approve(account, by):
    account.approve(by)
    for hook in hooks.get_hooks("account_approved"):
        hook(account)
    send_templated(
        "accounts/emails/approved",
        {"account": account, "link": absolute(reverse("wagtailadmin_login"))},
        [account.user.email],
        language=user_language(account.user),
    )


def reject(account, by, reason):
    account.reject(by, reason)
    send_templated(
        "accounts/emails/rejected",
        {"account": account},
        [account.user.email],
        language=user_language(account.user),
    )


TAKE_OFFLINE = "accounts.take_offline"


class OfflineReason:
    """Why content was taken offline, kept in the log entry (``data["reason"]``)."""

    OWNER = "owner"
    LAST_OWNER_DELETED = "last_owner_deleted"
    LAST_MEMBER_DELETED = "last_member_deleted"


def take_offline(instance, reason, user=None):
    """Unpublish ``instance`` as a system action and log who took it offline and why.

    Owners hold no publish permission (so moderation cannot be bypassed), yet may always withdraw
    their own content; a moderation in progress is cancelled so approving it cannot bring the
    content back. ``user`` is None when no person remains to name (an erased account).
    """
    state = getattr(instance, "current_workflow_state", None)
    if state is not None:
        state.cancel(user=user)
    if not instance.live:
        return False
    UnpublishAction(instance, user=user, log_action=False).execute(skip_permission_checks=True)
    log(instance=instance, action=TAKE_OFFLINE, user=user, data={"reason": reason})
    return True


def names_user(user, name, email):
    """Whether a contact person's name or e-mail address is ``user``'s."""
    full_name = user.get_full_name().strip().casefold()
    return bool(
        (email and email.strip().casefold() == user.email.casefold())
        or (full_name and (name or "").strip().casefold() == full_name)
    )


def erase_contact(instance, fields, user=None):
    """Blank the contact person ``fields`` (name, e-mail, phone) of ``instance`` and of every
    revision of it: all of them, or with ``user`` only those where the contact is that user.

    Returns True when the row itself changed.
    """
    name_field, email_field, _phone = fields
    blank = dict.fromkeys(fields, "")

    def to_erase(values):
        return any(values.get(field) for field in fields) and (
            user is None or names_user(user, values.get(name_field), values.get(email_field))
        )

    for revision in Revision.objects.for_instance(instance):
        if to_erase(revision.content):
            revision.content = {**revision.content, **blank}
            revision.save(update_fields=["content"])
    if not to_erase({field: getattr(instance, field) for field in fields}):
        return False
    if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
        blank["updated_at"] = timezone.now()  # so API clients fetch the change
    type(instance).objects.filter(pk=instance.pk).update(**blank)
    return True


def forget_user_in_logs(user):
    """Log entries about the user's own account (e.g. an editor changing it) keep no name."""
    user_type = ContentType.objects.get_for_model(user, for_concrete_model=False)
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        label=get_deleted_user_display_name(user.pk), data={}
    )
