"""The CPV picker's endpoint and widgets, and the delivery area grouped by region."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from accounts.groups import SUPPLIERS
from directory.models import Municipality, SupplierProfile

from .factories import edit_data, profile

pytestmark = pytest.mark.django_db
URL = "/admin/cpv-koder/"
EDIT = "/admin/snippets/directory/supplierprofile/edit/{}/"


@pytest.fixture
def owner():
    user = get_user_model().objects.create_user("ejer@soev.example", "ejer@soev.example", "x")
    user.groups.add(Group.objects.get(name=SUPPLIERS))
    return user


def _codes(response):
    return [item["code"] for item in response.json()["results"]]


def test_search_finds_danish_words_with_their_place_in_the_hierarchy(client, owner):
    client.force_login(owner)
    response = client.get(URL, {"q": "rengøring bygninger"})
    assert response.status_code == 200
    found = {item["code"]: item for item in response.json()["results"]}
    assert found["90911200"]["label"] == "Rengøring af bygninger"
    assert found["90911200"]["place"].startswith("Tjenesteydelser i forbindelse med spildevand")
    assert "› Rengøring ›" in found["90911200"]["place"]


def test_search_finds_english_words_and_answers_in_the_users_language(client, owner):
    client.force_login(owner)
    assert "90911200" in _codes(client.get(URL, {"q": "building cleaning"}))
    preferences = UserProfile.get_for_user(owner)
    preferences.preferred_language = "en"
    preferences.save()
    found = {i["code"]: i for i in client.get(URL, {"q": "rengøring"}).json()["results"]}
    assert found["90910000"]["label"] == "Cleaning services"


def test_search_by_code_puts_the_code_first_and_the_own_codes_before_others(client, owner):
    client.force_login(owner)
    assert _codes(client.get(URL, {"q": "90911200-8"})) == ["90911200"]
    assert _codes(client.get(URL, {"q": "90911"}))[:2] == ["90911000", "90911100"]
    assert _codes(client.get(URL, {"q": "rengøring", "prefer": "90919200"}))[0] == "90919200"
    body = client.get(URL, {"q": "rengøring"}).json()
    assert len(body["results"]) == 20 and body["total"] > 20
    assert client.get(URL, {"q": "zzzqqq"}).json() == {"results": [], "total": 0, "trail": []}


def test_browse_goes_down_from_the_divisions(client, owner):
    client.force_login(owner)
    divisions = client.get(URL).json()["results"]
    assert len(divisions) == 45
    assert all(item["has_children"] for item in divisions)
    body = client.get(URL, {"parent": "90900000"}).json()
    assert "90910000" in [item["code"] for item in body["results"]]
    assert [step["code"] for step in body["trail"]] == ["90000000", "90900000"]
    leaves = client.get(URL, {"parent": "90911000"}).json()["results"]
    assert {item["code"]: item["has_children"] for item in leaves}["90911200"] is False


def test_codes_look_up_labels_and_leave_out_unknown_codes(client, owner):
    client.force_login(owner)
    assert _codes(client.get(URL, {"codes": "90911200, 99999999,55520000-1"})) == [
        "90911200",
        "55520000",
    ]


def test_the_endpoint_needs_an_admin_login(client):
    response = client.get(URL, {"q": "rengøring"})
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_profile_form_has_the_pickers_over_the_same_fields(client, owner):
    existing = profile(name="Kantinen", cpv=["90911200"])
    existing.owners.add(owner)
    client.force_login(owner)
    html = client.get(EDIT.format(existing.pk)).content.decode()
    assert 'data-controller="cpv-picker"' in html
    assert 'name="cpv_codes" value="90911200"' in html
    assert "Rengøring af bygninger" in html  # the chosen code's label, for the list
    assert 'data-cpv-picker-suggest-from-value="cpv_codes"' in html  # the offerings
    assert "js/cpv-picker.js" in html and "js/delivery-area.js" in html
    assert '<legend class="delivery-area__legend">Region Syddanmark</legend>' in html
    assert "Hele regionen" in html
    assert html.count('name="delivery_municipalities"') == Municipality.objects.count()


def test_the_pickers_save_the_fields_as_before(client, owner):
    existing = profile(name="Kantinen")
    existing.owners.add(owner)
    client.force_login(owner)
    url = EDIT.format(existing.pk)
    syddanmark = list(Municipality.objects.filter(region__name="Region Syddanmark"))
    data = edit_data(
        client,
        url,
        cpv_codes="90911200, 55520000",
        delivery_scope="municipalities",
        delivery_municipalities=[m.pk for m in syddanmark],
        **{
            "offerings-TOTAL_FORMS": "1",
            "offerings-0-title": "Kantinedrift",
            "offerings-0-cpv_code": "55520000-1",
            "offerings-0-ORDER": "1",
        },
    )
    assert client.post(url, data).status_code == 302
    draft = SupplierProfile.objects.get(pk=existing.pk).get_latest_revision_as_object()
    assert {c.code for c in draft.cpv_codes.all()} == {"90911200", "55520000"}
    assert set(draft.delivery_municipalities.all()) == set(syddanmark)
    assert draft.offerings.get().cpv_code_id == "55520000"

    data["offerings-0-cpv_code"] = "55520000, 90911200"
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'value="55520000, 90911200"' in response.content.decode()  # the input is kept


def test_a_buyers_tender_entry_form_has_the_picker(client):
    from ..procurement.factories import BuyerOrganisationFactory, make_buyer

    buyer = make_buyer("indkoeb@kommune.example", BuyerOrganisationFactory(name="Kommunen"))
    client.force_login(buyer)
    html = client.get("/admin/snippets/procurement/tenderplanentry/add/").content.decode()
    assert 'data-controller="cpv-picker"' in html
    assert 'name="cpv_codes"' in html and 'id="id_cpv_codes-search"' in html
