"""Signed, expiring links for e-mail confirmation."""

from django.core import signing

CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60
SALT = "accounts.confirm-email"


def confirmation_token(user):
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT, compress=True)


def user_id_from_confirmation_token(token, email_of):
    """The user id in a valid, unexpired token whose e-mail still matches, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if email_of(data.get("user")) != data.get("email"):
        return None
    return data["user"]
