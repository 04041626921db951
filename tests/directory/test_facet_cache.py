"""Facet counts on the shared Redis cache, as every worker and host reads them in production."""

import pytest

from .factories import profile
from .test_facets import count_queries, division_count

pytestmark = pytest.mark.django_db


def test_counts_cached_in_redis_follow_a_profile_edit(client, directory_page, redis_cache):
    first = profile(cpv=["90911200"])
    assert division_count(client, "90000000") == 1
    assert count_queries(client, {}) == 0  # the counts now come from Redis
    first.cpv_codes.set(["55520000"])
    first.save()
    assert division_count(client, "90000000") == 0
    assert division_count(client, "55000000") == 1
