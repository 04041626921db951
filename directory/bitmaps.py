"""Facet counts from Roaring bitmaps: one bitmap of live profile ids per facet key.

A facet count is then an intersection with the match set, whose cost does not grow with the
number of matches the way unpacking every matching row's keys in SQL does, and a search without
words needs no query at all. Each process builds its bitmaps from the stored facet keys and
builds them again whenever ``facets.data_version`` (read once per search) has changed, so a
save on one server is counted on every other at once.
"""

import threading
from collections import defaultdict
from fnmatch import fnmatchcase
from functools import reduce

from pyroaring import BitMap

from .models import SupplierProfile

ALL = "*"
_lock = threading.Lock()
_current = None


class Bitmaps:
    """{facet key: BitMap of live profile ids} for one data version."""

    def __init__(self, version, bitmaps):
        self.version = version
        self.bitmaps = bitmaps
        self.selections = {}

    def any_of(self, keys):
        """The profiles carrying at least one of ``keys``."""
        return BitMap.union(BitMap(), *(self.bitmaps.get(key, BitMap()) for key in keys))

    def matching(self, required, within=None):
        """The live profiles (or those in ``within``) carrying a key from every set in
        ``required``."""
        start = self.bitmaps.get(ALL, BitMap()) if within is None else within
        return reduce(BitMap.intersection, map(self.any_of, required), start)

    def count(self, matches, patterns):
        """{key: profiles in ``matches`` carrying it} for ``ALL`` and the keys matching one of
        the SQL LIKE ``patterns``; keys no match carries are left out."""
        patterns = tuple(patterns)
        if patterns not in self.selections:
            globs = [pattern.replace("%", "*").replace("_", "?") for pattern in patterns]
            self.selections[patterns] = [
                (key, bitmap)
                for key, bitmap in self.bitmaps.items()
                if key == ALL or any(fnmatchcase(key, glob) for glob in globs)
            ]
        counts = {}
        for key, bitmap in self.selections[patterns]:
            if n := matches.intersection_cardinality(bitmap):
                counts[key] = n
        return counts

    def similar(self, keys, exclude, limit, fallback=()):
        """Up to ``limit`` profile ids carrying the most of ``keys`` (ties by id), then ids
        carrying one of ``fallback``; ``exclude`` left out. Bitmap operations only: the cost
        grows with the number of keys, not of profiles."""
        sets = [self.bitmaps.get(key, BitMap()) for key in keys]
        at_least = [self.bitmaps.get(ALL, BitMap())] + [BitMap() for _key in sets]
        for members in sets:  # at_least[n]: the profiles carrying n or more of the keys
            for n in range(len(sets), 0, -1):
                at_least[n] |= at_least[n - 1] & members
        found = []
        taken = BitMap([exclude])
        for members in [*reversed(at_least[1:]), self.any_of(fallback)]:
            for pk in members - taken:
                if len(found) == limit:
                    return found
                found.append(pk)
            taken |= members
        return found


def bitmaps_for(version):
    """The bitmaps of data version ``version``, built now if this process has older ones."""
    global _current  # noqa: PLW0603  (one index per process, swapped whole)
    with _lock:
        if _current is None or _current.version != version:
            _current = Bitmaps(version, build())
        return _current


def build():
    ids = defaultdict(list)
    rows = SupplierProfile.objects.live().order_by().values_list("pk", "facet_keys")
    for pk, keys in rows.iterator(chunk_size=5000):
        for key in keys:
            ids[key].append(pk)
    return {key: BitMap(pks) for key, pks in ids.items()}


def count_live(patterns):
    """{key: live profiles carrying it} for ``ALL`` and the keys matching ``patterns``."""
    from .facets import data_version

    bitmaps = bitmaps_for(data_version())
    return bitmaps.count(bitmaps.matching([]), patterns)
