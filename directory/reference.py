"""Reference data read once per process: CPV codes, regions and municipalities.

They are loaded by migrations only (``0003_load_reference_data``) and never edited on the site,
so each process keeps what it read until it restarts (a deploy restarts every process). The
objects are shared: read them, never change them.
"""

from functools import cache, lru_cache

from .models import CpvCode, Municipality, Region


@cache
def cpv_code_set():
    """Every CPV code (about 9,500 strings)."""
    return frozenset(CpvCode.objects.values_list("code", flat=True))


@cache
def cpv_divisions():
    return tuple(CpvCode.objects.filter(level=CpvCode.Level.DIVISION))


@lru_cache(maxsize=4096)
def cpv_codes(codes):
    """The ``CpvCode`` rows of the tuple ``codes`` that exist, in code order."""
    return tuple(CpvCode.objects.filter(code__in=codes))


@lru_cache(maxsize=4096)
def cpv_children(code):
    return tuple(CpvCode.objects.filter(parent_id=code))


@cache
def regions():
    """The regions, by name."""
    return tuple(Region.objects.all())


@cache
def municipalities():
    """The municipalities, by name."""
    return tuple(Municipality.objects.all())


def region(code):
    """The region with ``code``, or None."""
    return next((r for r in regions() if r.code == code), None)


def municipality(code):
    """The municipality with ``code``, or None."""
    return next((m for m in municipalities() if m.code == code), None)
