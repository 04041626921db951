"""Validators for the Danish identifiers on supplier profiles."""

import re

from stdnum.dk import cvr
from stdnum.exceptions import ValidationError as StdnumError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{6,18}[0-9]$")


def validate_cvr(value):
    """An 8-digit CVR number with a valid modulus-11 check."""
    compact = cvr.compact(value or "")
    if not re.fullmatch(r"\d{8}", compact):
        raise ValidationError(_("A CVR number has exactly 8 digits."), code="cvr_format")
    try:
        cvr.validate(compact)
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a valid CVR number (the check digit does not match)."),
            code="cvr_checksum",
            params={"value": compact},
        ) from None


def validate_phone(value):
    """A phone number of digits and spaces, optionally starting with +."""
    if value and not PHONE_RE.match(value.strip()):
        raise ValidationError(
            _("Enter a phone number with digits only, such as +45 12 34 56 78."),
            code="phone",
        )
