"""SupplierProfileViewSet: editors list, filter, search, export and edit; owners edit theirs."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.groups import EDITORS, SUPPLIERS

from .factories import edit_data, profile, valid_cvr

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/directory/supplierprofile/"


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
    data = edit_data(admin_client, url, name="Uden koder (ny)", **{"action-publish": "1"})
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


def _user(email, group):
    user = get_user_model().objects.create_user(email, email, "Sk0vmaerke-42!")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_an_owner_sees_the_cvr_number_but_cannot_change_it(client):
    owner = _user("ejer@soev.example", SUPPLIERS)
    existing = profile(name="Kantinen", cvr=valid_cvr(1))
    existing.owners.add(owner)
    client.force_login(owner)
    url = f"{LIST}edit/{existing.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert valid_cvr(1) in html
    assert 'name="cvr"' not in html
    data = edit_data(client, url, name="Kantinen ApS", cvr=valid_cvr(2))
    response = client.post(url, data)
    assert response.status_code == 302
    existing.refresh_from_db()
    draft = existing.latest_revision.as_object()
    assert draft.name == "Kantinen ApS"
    assert draft.cvr == existing.cvr == valid_cvr(1)


def test_an_editor_can_change_the_cvr_number(client):
    editor = _user("redaktoer@example.com", EDITORS)
    existing = profile(name="Kantinen", cvr=valid_cvr(1), cpv=["55520000"])
    client.force_login(editor)
    url = f"{LIST}edit/{existing.pk}/"
    assert 'name="cvr"' in client.get(url).content.decode()
    data = edit_data(client, url, cvr=valid_cvr(2), cpv_codes="55520000", **{"action-publish": "1"})
    response = client.post(url, data)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.cvr == valid_cvr(2)


def test_an_owner_can_use_only_their_own_images_as_the_logo(client):
    owner = _user("ejer@soev.example", SUPPLIERS)
    stranger = _user("anden@soev.example", SUPPLIERS)
    own = Image.objects.create(
        title="Vores logo", file=get_test_image_file(), uploaded_by_user=owner
    )
    others = Image.objects.create(
        title="Fremmed upload", file=get_test_image_file(), uploaded_by_user=stranger
    )
    existing = profile(name="Kantinen")
    existing.owners.add(owner)
    client.force_login(owner)
    url = f"{LIST}edit/{existing.pk}/"

    response = client.post(url, edit_data(client, url, name="Kantinen ApS", logo=others.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vælg et billede, som du selv har uploadet" in html
    assert 'value="Kantinen ApS"' in html
    assert "Fremmed upload" not in html
    existing.refresh_from_db()
    assert existing.latest_revision is None and existing.logo is None

    response = client.post(url, edit_data(client, url, logo=own.pk))
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.latest_revision.as_object().logo == own


def test_an_owner_keeps_a_logo_an_editor_chose_and_editors_choose_any(client):
    owner = _user("ejer@soev.example", SUPPLIERS)
    editor = _user("redaktoer@example.com", EDITORS)
    upload = Image.objects.create(title="Logo", file=get_test_image_file(), uploaded_by_user=editor)
    existing = profile(name="Kantinen", logo=upload)
    existing.owners.add(owner)
    url = f"{LIST}edit/{existing.pk}/"
    client.force_login(owner)
    assert client.post(url, edit_data(client, url, logo=upload.pk)).status_code == 302
    existing.refresh_from_db()
    assert existing.latest_revision.as_object().logo == upload
    client.force_login(editor)
    other = Image.objects.create(title="Andet", file=get_test_image_file(), uploaded_by_user=owner)
    assert client.post(url, edit_data(client, url, logo=other.pk)).status_code == 302
