"""The editors' SupplierProfileViewSet: list, filters, search, export, edit with validation."""

import pytest

from .factories import profile

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/directory/supplierprofile/"
DRAFTAIL = (
    '{"blocks":[{"key":"a1","type":"unstyled","text":"Hej","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


def test_editor_lists_searches_filters_and_exports(admin_client):
    profile(name="Kantinen", cpv=["55520000"], rsv_verified=True)
    profile(name="Rengøringen", cpv=["90911200"])
    html = admin_client.get(LIST).content.decode()
    assert "Kantinen" in html and "Rengøringen" in html
    filtered = admin_client.get(LIST, {"division": "55"}).content.decode()
    assert "Kantinen" in filtered and "Rengøringen" not in filtered
    exported = admin_client.get(LIST, {"export": "csv"})
    body = b"".join(exported.streaming_content).decode()
    assert "Kantinen" in body and "Rengøringen" in body


def test_publishing_needs_a_cpv_code_and_keeps_the_input(admin_client):
    existing = profile(name="Uden koder")
    url = f"{LIST}edit/{existing.pk}/"
    form = admin_client.get(url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "name": "Uden koder (ny)",
            "cpv_codes": "",
            "tags": "",
            "delivery_scope": "national",
            "description": DRAFTAIL,
            "offerings-TOTAL_FORMS": "0",
            "offerings-INITIAL_FORMS": "0",
            "offerings-MIN_NUM_FORMS": "0",
            "offerings-MAX_NUM_FORMS": "1000",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "references-MIN_NUM_FORMS": "0",
            "references-MAX_NUM_FORMS": "1000",
            "action-publish": "action-publish",
        }
    )
    data.pop("logo", None)
    data.pop("municipality", None)
    response = admin_client.post(url, data)
    html = response.content.decode()
    assert "Tilføj mindst én CPV-kode, før profilen offentliggøres." in html
    assert "Uden koder (ny)" in html
    existing.refresh_from_db()
    assert existing.name == "Uden koder"
    data["cpv_codes"] = "55520000, 90911200-1"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.name == "Uden koder (ny)"
    assert set(existing.cpv_codes.values_list("code", flat=True)) == {"55520000", "90911200"}
