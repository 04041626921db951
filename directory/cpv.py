"""CPV code arithmetic, written once: normalising, prefixes, ancestors, divisions and groups.

A CPV code has eight digits; trailing zeros mark its level, so a code's descendants are the codes
that start with its significant digits (its ``prefix``). ``descendants_q`` returns a ``Q``
object, so it combines with any other filter and runs inside the database.
"""

from django.db.models import Q


def normalise(code):
    """'45210000-2' or ' 4521 0000 ' -> '45210000'; None when it is not an 8-digit code."""
    digits = "".join(ch for ch in str(code or "").split("-")[0] if ch.isdigit())
    return digits if len(digits) == 8 else None


def prefix_of(code):
    """The leading digits of a CPV code that its descendants share (at least the division)."""
    return code.rstrip("0").ljust(2, "0")


def ancestors(code):
    """The codes above ``code``, from its division down (not the code itself)."""
    prefix = prefix_of(code)
    return [prefix[:n].ljust(8, "0") for n in range(2, len(prefix))]


def division_digits(code):
    """The two digits of the code's division: '45210000' -> '45'."""
    return code[:2]


def division_of(code):
    """The code's division: '45210000' -> '45000000'."""
    return division_digits(code).ljust(8, "0")


def group_of(code):
    """The code's group (first three digits): '45210000' -> '45200000'."""
    return code[:3].ljust(8, "0")


def known(codes):
    """The codes that exist, in code order (unknown ones dropped; no query after the first)."""
    from .reference import cpv_code_set

    return tuple(sorted(set(codes) & cpv_code_set()))


def codes_under(codes):
    """The CPV codes given and all their descendants (a division includes everything in it)."""
    from .models import CpvCode

    prefixes = {prefix_of(code) for code in filter(None, map(normalise, codes))}
    if not prefixes:
        return CpvCode.objects.none()
    q = Q()
    for prefix in prefixes:
        q |= Q(code__startswith=prefix)
    return CpvCode.objects.filter(q)


def descendants_q(codes, field="cpv_codes"):
    """Rows whose CPV ``field`` (FK or many-to-many) is one of ``codes`` or below one of them.

    For example ``SupplierProfile.objects.filter(descendants_q(["45000000"])).distinct()``,
    or ``descendants_q(codes, field="cpv_code")`` on a model with a single CPV foreign key.
    Unknown or malformed codes match nothing.
    """
    return Q(**{f"{field}__in": codes_under(codes).values("code")})
