"""Query helpers for CPV codes and geography, shared with the procurement app.

``cpv_descendants_q`` returns a ``Q`` object, so it combines with any other filter and runs
inside the database (no Python loops over rows).
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

from .models import CpvCode, Municipality, Region, prefix_of


def normalise_cpv(code):
    """'45210000-2' or ' 4521 0000 ' -> '45210000'; None when it is not an 8-digit code."""
    digits = "".join(ch for ch in str(code or "").split("-")[0] if ch.isdigit())
    return digits if len(digits) == 8 else None


def known_codes(cpv, municipality, region):
    """The CPV, municipality and region codes of a query string that exist (others dropped)."""
    cpv = tuple(CpvCode.objects.filter(code__in=cpv).values_list("code", flat=True))
    if municipality and not Municipality.objects.filter(code=municipality).exists():
        municipality = None
    if region and not Region.objects.filter(code=region).exists():
        region = None
    return cpv, municipality, region


def cpv_codes_under(codes):
    """The CPV codes given and all their descendants (a division includes everything in it)."""
    prefixes = {prefix_of(code) for code in filter(None, map(normalise_cpv, codes))}
    if not prefixes:
        return CpvCode.objects.none()
    q = Q()
    for prefix in prefixes:
        q |= Q(code__startswith=prefix)
    return CpvCode.objects.filter(q)


def cpv_descendants_q(codes, field="cpv_codes"):
    """Rows whose CPV ``field`` (FK or many-to-many) is one of ``codes`` or below one of them.

    For example ``SupplierProfile.objects.filter(cpv_descendants_q(["45000000"])).distinct()``,
    or ``cpv_descendants_q(codes, field="cpv_code")`` on a model with a single CPV foreign key.
    Unknown or malformed codes match nothing.
    """
    return Q(**{f"{field}__in": cpv_codes_under(codes).values("code")})


def municipalities_by_region():
    """[(region, [municipalities])] in name order, in two queries."""
    regions = {r.code: (r, []) for r in Region.objects.all()}
    for municipality in Municipality.objects.all():
        regions[municipality.region_id][1].append(municipality)
    return list(regions.values())


def directory_page_for(request=None):
    """The live directory index page in the active language (else any), remembered per request."""
    from .models import DirectoryIndexPage

    language = get_language() or settings.LANGUAGE_CODE
    cache = getattr(request, "_directory_pages", None) if request is not None else None
    if cache is not None and language in cache:
        return cache[language]
    pages = DirectoryIndexPage.objects.live()
    page = pages.filter(locale__language_code=language).first() or pages.first()
    if request is not None:
        if cache is None:
            cache = request._directory_pages = {}
        cache[language] = page
    return page
