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


def prefix_q(codes, field):
    """Like ``descendants_q``, for a CPV foreign key ``field``: compares the stored codes with
    the prefixes, with no look-up of the codes below them (so a LIMIT can stop early)."""
    prefixes = sorted({prefix_of(code) for code in filter(None, map(normalise, codes))})
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{field}__code__startswith": prefix})
    return q


SEARCH_LIMIT = 20
SEARCH_POOL = 500  # matching codes ranked in Python (labels that start with the words first)


def search(text, prefer=(), limit=SEARCH_LIMIT):
    """Codes whose Danish or English label contains every word of ``text``, or whose code starts
    with the digits typed; ``prefer`` (codes) and labels starting with the text come first.
    Returns (codes, how many matched)."""
    from .models import CpvCode

    text = " ".join(str(text or "").split())[:100]
    digits = "".join(ch for ch in text.split("-")[0] if ch.isdigit())
    if digits and digits == text.replace(" ", "").split("-")[0]:
        qs = CpvCode.objects.filter(code__startswith=digits[:8])
    else:
        words = text.split()[:5]
        if not words:
            return [], 0
        qs = CpvCode.objects.all()
        for word in words:
            qs = qs.filter(Q(label_da__icontains=word) | Q(label_en__icontains=word))
    pool = list(qs.order_by("level", "code")[:SEARCH_POOL])
    lowered, preferred = text.casefold(), set(prefer)

    def rank(code):
        starts = code.label_da.casefold().startswith(lowered) or (
            code.label_en.casefold().startswith(lowered)
        )
        return (code.code not in preferred, code.code != digits, not starts, code.level)

    pool.sort(key=rank)
    return pool[:limit], qs.count() if len(pool) == SEARCH_POOL else len(pool)


def children(code=None):
    """The codes directly below ``code``; the divisions without one."""
    from .models import CpvCode

    if code is None:
        return CpvCode.objects.filter(level=CpvCode.Level.DIVISION)
    return CpvCode.objects.filter(parent_id=code)


def with_places(codes):
    """``codes`` (CpvCode rows) as (row, labels of the codes above it from the division down)."""
    from .models import CpvCode

    above = {a for code in codes for a in ancestors(code.code)}
    labels = {c.code: c.label for c in CpvCode.objects.filter(code__in=above)}
    return [(code, [labels[a] for a in ancestors(code.code) if a in labels]) for code in codes]
