"""Impact figures on a profile: the owner's visible choice (default no) decides whether they are
shown on the profile page and counted in the statistics."""

import re

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.groups import SUPPLIERS
from directory.models import SupplierProfile

from ..procurement.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_owner_sees_the_impact_fields_and_the_consent_unticked(client, data):
    owner = make_user("ejer@gamma.example", SUPPLIERS)
    data.b.owners.add(owner)
    client.force_login(owner)
    html = client.get(
        reverse("wagtailsnippets_directory_supplierprofile:edit", args=[data.b.pk])
    ).content.decode()
    assert "Social effekt" in html
    assert 'name="impact_jobs_special_terms"' in html
    checkbox = re.search(r'<input[^>]*name="impact_public"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert "vis vores effekttal offentligt" in html.lower()
    assert SupplierProfile._meta.get_field("impact_public").default is False


def test_the_profile_page_shows_impact_only_with_consent(client, data):
    shown = client.get(f"/leverandoerer/{data.a.slug}/").content.decode()
    assert "Social effekt i 2025" in shown
    assert "Personer ansat på særlige vilkår" in shown
    hidden = client.get(f"/leverandoerer/{data.b.slug}/").content.decode()
    assert "Social effekt" not in hidden
    assert ">100<" not in hidden


def test_figures_need_a_year_and_consent_needs_figures():
    profile = SupplierProfile(impact_jobs_special_terms=3)
    with pytest.raises(ValidationError) as error:
        profile.clean()
    assert "impact_year" in error.value.message_dict
    profile = SupplierProfile(impact_public=True)
    with pytest.raises(ValidationError) as error:
        profile.clean()
    assert "impact_public" in error.value.message_dict
