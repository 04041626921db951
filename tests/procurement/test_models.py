"""Buyer organisations, entry validation and the status lifecycle."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.models import HomePage
from procurement.admin_forms import TenderPlanEntryAdminForm
from procurement.models import (
    BuyerOrganisation,
    InterestExpression,
    TenderPlanEntry,
    TenderPlanIndexPage,
)

from .factories import make_entry, make_interest, months_ahead

pytestmark = pytest.mark.django_db


def test_municipalities_and_regions_are_seeded_as_buyers():
    assert BuyerOrganisation.objects.filter(kind="municipality").count() == 98
    assert BuyerOrganisation.objects.filter(kind="region").count() == 5
    assert BuyerOrganisation.objects.filter(
        name="Københavns Kommune", municipality__code=101
    ).exists()
    assert BuyerOrganisation.objects.filter(name="Aarhus Kommune").exists()


def test_page_tree():
    assert TenderPlanIndexPage.parent_page_types == ["cms.HomePage"]
    assert TenderPlanIndexPage.subpage_types == []
    assert "procurement.TenderPlanIndexPage" in HomePage.subpage_types


def _entry(aarhus, **fields):
    values = {
        "organisation": aarhus,
        "title": "Kantinedrift",
        "summary": "Drift af kantine.",
        "expected_publication": months_ahead(2, day=17),
    }
    return TenderPlanEntry(**{**values, **fields})


def _errors(entry):
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    return caught.value.message_dict


def test_value_min_above_max_is_refused(aarhus):
    errors = _errors(_entry(aarhus, value_min=500_000, value_max=100_000))
    assert "mindst lige så stor" in errors["value_max"][0]


def test_publication_after_contract_start_is_refused(aarhus):
    errors = _errors(_entry(aarhus, contract_start=months_ahead(1)))
    assert "kan ikke starte før" in errors["contract_start"][0]


def test_deadline_in_the_past_is_refused_for_a_new_entry(aarhus):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    errors = _errors(_entry(aarhus, interest_deadline=yesterday))
    assert "er overskredet" in errors["interest_deadline"][0]


def test_an_old_entry_with_a_passed_deadline_can_still_be_edited(aarhus, tender_page):
    entry = make_entry(aarhus)
    TenderPlanEntry.objects.filter(pk=entry.pk).update(
        interest_deadline=timezone.localdate() - datetime.timedelta(days=5)
    )
    entry.refresh_from_db()
    entry.title = "Nyt navn"
    entry.full_clean()


def test_expected_publication_is_stored_as_its_month(aarhus):
    entry = _entry(aarhus)
    entry.full_clean()
    assert entry.expected_publication.day == 1


def test_admin_form_requires_a_cpv_code_and_explains_unknown_ones(aarhus, buyer_a):
    data = {
        "organisation": aarhus.pk,
        "title": "Kantinedrift",
        "summary": "Drift af kantine.",
        "procedure": "below_threshold",
        "reservation": "none",
        "expected_publication": months_ahead(2).isoformat(),
        "status": "planned",
        "cpv_codes": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    form_class = TenderPlanEntry.snippet_viewset.get_edit_handler().get_form_class()
    assert issubclass(form_class, TenderPlanEntryAdminForm)
    form = form_class(data, instance=TenderPlanEntry(), for_user=buyer_a)
    assert not form.is_valid()
    assert form.errors["cpv_codes"] == ["Angiv mindst én CPV-kode."]
    form = form_class(
        {**data, "cpv_codes": "99999999"}, instance=TenderPlanEntry(), for_user=buyer_a
    )
    assert not form.is_valid()
    assert "99999999 er ikke en CPV-kode." in form.errors["cpv_codes"][0]
    form = form_class(
        {**data, "cpv_codes": "90911200-8, 55520000"}, instance=TenderPlanEntry(), for_user=buyer_a
    )
    assert form.is_valid(), form.errors
    assert {c.code for c in form.cleaned_data["cpv_codes"]} == {"90911200", "55520000"}


def test_admin_form_offers_a_buyer_only_their_own_organisations(aarhus, odense, buyer_a):
    form_class = TenderPlanEntry.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=TenderPlanEntry(), for_user=buyer_a)
    assert list(form.fields["organisation"].queryset) == [aarhus]


def test_status_changes_are_dated(aarhus, tender_page):
    entry = make_entry(aarhus)
    assert entry.published_on is None
    entry.status = "published"
    entry.save()
    assert entry.published_on == timezone.localdate()
    entry.status = "awarded"
    entry.save()
    assert entry.awarded_on == timezone.localdate()
    assert entry.status_date == timezone.localdate()


def test_one_interest_per_social_enterprise_and_entry(entry, soev_a):
    profile, user = soev_a
    make_interest(entry, profile, user)
    with pytest.raises(IntegrityError), transaction.atomic():
        InterestExpression.objects.create(entry=entry, supplier=profile, role="subcontractor")


def test_slug_and_quarter(aarhus, tender_page):
    entry = make_entry(
        aarhus, title="Grøn pleje på Ærø", expected_publication=datetime.date(2030, 8, 1)
    )
    assert entry.slug == "groen-pleje-paa-aeroe"
    assert entry.quarter == 3
    assert "3" in str(entry.quarter_label) and "2030" in str(entry.quarter_label)
