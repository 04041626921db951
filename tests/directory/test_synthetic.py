"""The benchmark generators write what saving each row would have computed."""

import pytest

from django.db import connection

from directory.facets import refresh_facet_keys
from directory.models import SupplierProfile
from directory.search import documents_for, search_vector
from directory.synthetic import SLUG_PREFIX, generate, remove_all
from procurement.models import AlertSetting, InterestExpression
from procurement.synthetic import generate_alert_users, generate_entries, synthetic_entries

pytestmark = pytest.mark.django_db


def test_profiles_carry_the_facet_keys_search_text_and_vector_a_save_computes():
    assert generate(40) == 40
    profiles = SupplierProfile.objects.filter(slug__startswith=SLUG_PREFIX)
    stored = {p.pk: p for p in profiles}
    refresh_facet_keys(list(stored))
    related = profiles.select_related("municipality").prefetch_related(
        "cpv_codes", "offerings", "tags"
    )
    for profile in related:
        generated = stored[profile.pk]
        assert generated.facet_keys == profile.facet_keys
        keywords, document = documents_for(profile)
        assert sorted(generated.search_keywords.split()) == sorted(keywords.split())
        assert sorted(generated.search_document.split()) == sorted(document.split())
    if connection.vendor == "postgresql":
        pairs = profiles.annotate(fresh=search_vector()).values_list("search_vector", "fresh")
        assert all(stored == fresh for stored, fresh in pairs)
    assert remove_all() == 40


def test_entries_interests_and_alert_users():
    generate(30)
    assert generate_entries(12) == 12
    entries = synthetic_entries()
    assert entries.filter(live=True).count() == 12
    assert all(entry.cpv_codes.exists() and entry.match_terms for entry in entries)
    assert InterestExpression.objects.filter(entry__in=entries).exists()
    assert generate_alert_users(5) == 5
    assert generate_alert_users(5) == 0  # already there
    owned = SupplierProfile.objects.filter(owners__username__startswith="syntetisk-bruger-")
    assert owned.distinct().count() == 5
    assert AlertSetting.objects.filter(frequency=AlertSetting.Frequency.DAILY).count() == 5
