"""Profile rules: CVR checks, reserved-contract eligibility, reference data and query helpers."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.search.backends import get_search_backend

from directory.cpv import descendants_q
from directory.models import CpvCode, Municipality, Region, SupplierProfile, TargetGroup
from directory.queries import DirectoryQuery

from .factories import profile, valid_cvr

pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded_with_hierarchy():
    assert CpvCode.objects.count() == 9454
    assert CpvCode.objects.filter(level=CpvCode.Level.DIVISION).count() == 45
    catering = CpvCode.objects.get(code="55520000")
    assert catering.label_en == "Catering services"
    assert catering.parent.code == "55500000"
    assert catering.parent.parent.code == "55000000"
    assert Region.objects.count() == 5
    assert Municipality.objects.count() == 98
    assert Municipality.objects.get(code=751).region.name == "Region Midtjylland"
    slugs = set(
        TargetGroup.objects.filter(locale__language_code="da").values_list("slug", flat=True)
    )
    assert slugs == {
        "handicap",
        "psykisk-saarbare",
        "hjemloese",
        "langtidsledige",
        "unge-udsatte",
        "tidligere-indsatte",
        "misbrug",
        "flygtninge-indvandrere",
    }
    english = TargetGroup.objects.get(slug="misbrug", locale__language_code="en")
    assert english.name == "Former substance abusers"


def _profile(**overrides):
    data = {
        "name": "Test",
        "slug": "test",
        "cvr": valid_cvr(1),
        "summary": "Kort tekst",
        "delivery_scope": "national",
    }
    return SupplierProfile(**{**data, **overrides})


def test_cvr_with_wrong_check_digit_is_rejected():
    good = valid_cvr(2)
    bad = good[:7] + str((int(good[7]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        _profile(cvr=bad).full_clean()
    assert "cvr" in error.value.message_dict
    assert "kontrolcifferet passer ikke" in error.value.message_dict["cvr"][0]


def test_duplicate_cvr_is_rejected_with_a_clear_message():
    existing = profile()
    with pytest.raises(ValidationError) as error:
        _profile(cvr=existing.cvr, slug="other").full_clean()
    assert error.value.message_dict["cvr"] == [
        "Der findes allerede en profil med dette CVR-nummer."
    ]


def test_summary_longer_than_300_characters_is_rejected():
    with pytest.raises(ValidationError) as error:
        _profile(summary="x" * 301).full_clean()
    assert "summary" in error.value.message_dict


def test_bad_phone_email_and_url_are_rejected():
    with pytest.raises(ValidationError) as error:
        _profile(
            phone="ring til os", email="ikke-en-mail", website="javascript:alert(1)"
        ).full_clean()
    assert {"phone", "email", "website"} <= set(error.value.message_dict)


def test_reserved_claim_must_match_the_employee_figures():
    with pytest.raises(ValidationError) as error:
        _profile(
            reserved_contract_claim=True, employees_total=10, employees_special_terms=2
        ).full_clean()
    assert "mindst 30 procent" in error.value.message_dict["reserved_contract_claim"][0]
    with pytest.raises(ValidationError) as error:
        _profile(employees_total=5, employees_special_terms=6).full_clean()
    assert "employees_special_terms" in error.value.message_dict
    ok = _profile(reserved_contract_claim=True, employees_total=10, employees_special_terms=3)
    ok.full_clean()
    ok.save()
    assert ok.reserved_contract_eligible
    assert ok.special_terms_percent == 30


def test_rsv_badge_needs_the_editors_verification():
    claimed = profile(rsv_claimed=True)
    verified = profile(rsv_claimed=True, rsv_verified=True)
    assert not claimed.show_rsv_badge
    assert verified.show_rsv_badge


def test_cpv_division_filter_includes_descendants_only():
    catering = profile(cpv=["55520000"])
    cleaning = profile(cpv=["90911200"])
    found = set(SupplierProfile.objects.filter(descendants_q(["55000000"])))
    assert found == {catering}
    assert set(SupplierProfile.objects.filter(descendants_q(["90900000-6"]))) == {cleaning}
    assert not SupplierProfile.objects.filter(descendants_q(["garbage", "99999999"])).exists()


def delivering_to(**place):
    return set(DirectoryQuery(**place).filtered())


def test_delivery_area_rules_for_municipality_and_region():
    national = profile(delivery_scope="national")
    midtjylland = profile(delivery_scope="regions", regions=[1082])
    aarhus = profile(delivery_scope="municipalities", municipalities=[751])
    copenhagen = profile(delivery_scope="municipalities", municipalities=[101])
    assert delivering_to(municipality=751) == {national, midtjylland, aarhus}
    assert delivering_to(region=1082) == {national, midtjylland, aarhus}
    assert delivering_to(region=1084) == {national, copenhagen}
    assert delivering_to(municipality=751, region=1082) == {national, midtjylland, aarhus}


def test_filters_follow_edits_of_the_profile():
    moving = profile(cpv=["55520000"], delivery_scope="municipalities", municipalities=[751])
    assert delivering_to(municipality=751) == {moving}
    moving.delivery_scope = "regions"
    moving.delivery_regions.set([1084])
    moving.cpv_codes.set(["90911200"])
    moving.save()
    assert delivering_to(municipality=751) == set()
    assert delivering_to(municipality=101) == {moving}
    assert set(DirectoryQuery(cpv=("90000000",)).filtered()) == {moving}
    assert not DirectoryQuery(cpv=("55000000",)).filtered().exists()


def test_a_partial_save_of_searched_fields_refreshes_search_text_and_facets():
    enterprise = profile(rsv_claimed=True)
    enterprise.summary = "Vi pudser vinduer i hele landet."
    enterprise.rsv_verified = True
    enterprise.save(update_fields=["summary", "rsv_verified"])
    assert set(DirectoryQuery(q="vinduer").filtered()) == {enterprise}
    rsv = next(flag for flag in DirectoryQuery().flag_facet() if flag["key"] == "rsv")
    assert rsv["count"] == 1


def test_a_save_indexes_the_profile_once_with_its_new_text(monkeypatch):
    enterprise = profile()
    backend = type(get_search_backend())
    add, added = backend.add, []
    monkeypatch.setattr(backend, "add", lambda self, obj: add(self, obj) or added.append(obj))
    enterprise.tags.set(["havearbejde"])
    enterprise.save()
    assert [obj.pk for obj in added if isinstance(obj, SupplierProfile)] == [enterprise.pk]
    assert list(get_search_backend().search("havearbejde", SupplierProfile)) == [enterprise]
