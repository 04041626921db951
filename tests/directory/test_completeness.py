"""A SØV's dashboard: how complete the draft is, a link to each missing part, where the change
stands with the editors (with their comment), and a preview of the draft."""

import re
from html import unescape

import pytest

from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.users.models import UserProfile

from accounts.groups import EDITORS, SUPPLIERS
from accounts.models import Account
from directory.models import SupplierOffering, SupplierProfile, SupplierReference
from directory.services import create_supplier_applicant

from .factories import edit_data, valid_cvr
from .test_moderation import _user

pytestmark = pytest.mark.django_db
EDIT = "wagtailsnippets_directory_supplierprofile:edit"
DESCRIPTION = "<p>Vi syr og reparerer arbejdstøj.</p>"
ALL_PARTS = [
    "logo",
    "summary",
    "description",
    "competences",
    "offerings",
    "delivery",
    "contact",
    "references",
    "employees",
]


@pytest.fixture
def soev(directory_page):
    """A SØV just approved after signing up: a draft profile with its name, CVR and contact."""
    user = create_supplier_applicant(
        {
            "full_name": "Mette Holm",
            "email": "mette@syvaerksted.example",
            "password1": "Sk0vmaerke-42!",
            "organisation_name": "Syværkstedet",
            "cvr": valid_cvr(7),
        },
        None,
    )
    Account.objects.get(user=user).approve(by=None)
    return user


def _profile(user):
    return SupplierProfile.objects.get(owners=user)


def _panel(client):
    html = client.get("/admin/").content.decode()
    return html.split('id="our-profile-heading"')[1].split("</section>")[0]


def _parts(panel):
    """``{part: link to the editor or None when done}`` in the checklist."""
    parts = {}
    for key, body in re.findall(r'<li data-part="(\w+)">(.*?)</li>', panel, re.S):
        link = re.search(r'<a href="([^"]+)"', body)
        parts[key] = unescape(link.group(1)) if link else None
    return parts


def _percent(panel):
    return int(re.search(r"Profilen er (\d+) % udfyldt", panel).group(1))


def _save_draft(profile, user, **fields):
    draft = SupplierProfile.objects.get(pk=profile.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        if name in ("cpv_codes", "delivery_regions", "delivery_municipalities"):
            related = SupplierProfile._meta.get_field(name).related_model
            getattr(draft, name).set(related.objects.filter(pk__in=value))
        else:
            setattr(draft, name, value)
    draft.save_revision(user=user, clean=False)


def _fill_half(profile, user):
    logo = Image.objects.create(title="Logo", file=get_test_image_file(), uploaded_by_user=user)
    _save_draft(
        profile,
        user,
        logo=logo,
        summary="Vi syr, reparerer og ompolstrer.",
        description=DESCRIPTION,
        cpv_codes=["39143000"],
        delivery_scope=SupplierProfile.DeliveryScope.NATIONAL,
    )


def _fill_rest(profile, user):
    _save_draft(
        profile,
        user,
        offerings=[SupplierOffering(title="Reparation af arbejdstøj")],
        references=[SupplierReference(customer="Aarhus Kommune", delivered="Arbejdstøj")],
        employees_total=10,
        employees_special_terms=4,
    )


def test_a_new_draft_shows_what_is_missing_each_part_linked_to_its_field(client, soev):
    client.force_login(soev)
    panel = _panel(client)
    parts = _parts(panel)
    assert list(parts) == ALL_PARTS
    assert [k for k, link in parts.items() if link is None] == ["contact"]
    assert _percent(panel) == 11
    assert "Kladde" in panel and "ikke indsendt endnu" in panel

    edit_url = reverse(EDIT, args=[_profile(soev).pk])
    edit_page = client.get(edit_url).content.decode()
    for key, link in parts.items():
        if link is None:
            continue
        path, _hash, anchor = link.partition("#")
        assert path == edit_url, key
        assert f'id="{anchor}"' in edit_page, key
    fields = {
        "logo": "id_logo",
        "summary": "id_summary",
        "description": "id_description",
        "competences": "id_cpv_codes",
        "offerings": "id_offerings-",
        "delivery": "id_delivery_scope",
        "references": "id_references-",
        "employees": "id_employees_total",
    }
    for key, field_id in fields.items():
        anchor = parts[key].partition("#")[2]
        after = edit_page.split(f'id="{anchor}"')[1]
        # The field is the first one after the anchor: the link lands on it.
        first_field = re.search(r'id="(id_[\w-]+?)(?:-label)?"', after).group(1)
        assert first_field.startswith(field_id), (key, first_field)


def test_the_percentage_follows_the_draft_to_100(client, soev):
    client.force_login(soev)
    profile = _profile(soev)
    _fill_half(profile, soev)
    panel = _panel(client)
    assert _percent(panel) == 67
    missing = [k for k, link in _parts(panel).items() if link]
    assert missing == ["offerings", "references", "employees"]

    _fill_rest(profile, soev)
    panel = _panel(client)
    assert _percent(panel) == 100
    assert all(link is None for link in _parts(panel).values())
    assert 'value="100"' in panel
    # The row is untouched: only the draft (its latest revision) has the changes.
    assert SupplierProfile.objects.get(pk=profile.pk).summary == ""


def test_delivery_and_contact_need_their_details(client, soev):
    client.force_login(soev)
    profile = _profile(soev)
    _save_draft(profile, soev, delivery_scope="regions", contact_name="", email="")
    parts = _parts(_panel(client))
    assert parts["delivery"] and parts["contact"]
    _save_draft(profile, soev, delivery_regions=[1082], contact_name="Mette", phone="12345678")
    parts = _parts(_panel(client))
    assert parts["delivery"] is None and parts["contact"] is None


def _submit(client, user, profile):
    client.force_login(user)
    url = reverse(EDIT, args=[profile.pk])
    data = edit_data(client, url, summary="Vi syr.", cpv_codes="39143000")
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302


def _workflow_action(client, editor, profile, action, **data):
    client.force_login(editor)
    task_state = profile.current_workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_directory_supplierprofile:workflow_action",
        args=[profile.pk, action, task_state.pk],
    )
    assert client.post(url, data).status_code == 302


def test_the_status_goes_from_draft_to_waiting_to_changes_requested_with_the_comment(client, soev):
    editor = _user("redaktoer@example.org", EDITORS)
    editor.first_name, editor.last_name = "Rikke", "Redaktør"
    editor.save()
    profile = _profile(soev)
    _submit(client, soev, profile)
    panel = _panel(client)
    assert re.search(r'data-status="waiting">\s*<strong>Status: Venter på godkendelse', panel)

    _workflow_action(
        client, editor, profile, "reject", comment="Skriv gerne, hvem I ansætter i fleksjob."
    )
    client.force_login(soev)
    panel = _panel(client)
    assert re.search(r'data-status="changes_requested">\s*<strong>Status: Ændringer ønsket', panel)
    assert "Redaktøren Rikke Redaktør skrev:" in panel
    assert "Skriv gerne, hvem I ansætter i fleksjob." in panel

    _submit(client, soev, profile)
    assert "Status: Venter på godkendelse" in _panel(client)
    _workflow_action(client, editor, profile, "approve")
    client.force_login(soev)
    panel = _panel(client)
    assert re.search(r'data-status="live">\s*<strong>Status: Offentliggjort', panel)
    assert "Skriv gerne" not in panel


def test_an_english_soev_reads_the_status_and_checklist_in_english(client, soev):
    preferences = UserProfile.get_for_user(soev)
    preferences.preferred_language = "en"
    preferences.save()
    editor = _user("redaktoer@example.org", EDITORS)
    profile = _profile(soev)
    _submit(client, soev, profile)
    _workflow_action(client, editor, profile, "reject", comment="Add a logo, please.")
    client.force_login(soev)
    html = client.get("/admin/").content.decode()
    assert "Status: Changes requested" in html
    assert "Add a logo, please." in html
    assert re.search(r"The profile is \d+ % complete", html)
    assert "Upload your logo." in html
    anchor = re.search(r'data-part="logo">.*?href="[^"#]+#([^"]+)"', html, re.S).group(1)
    assert f'id="{anchor}"' in client.get(reverse(EDIT, args=[profile.pk])).content.decode()


def test_the_editor_names_the_target_groups_in_the_users_language(client, soev):
    profile = _profile(soev)
    client.force_login(soev)
    danish = client.get(reverse(EDIT, args=[profile.pk])).content.decode()
    assert "Mennesker med handicap" in danish and "People with disabilities" not in danish
    preferences = UserProfile.get_for_user(soev)
    preferences.preferred_language = "en"
    preferences.save()
    english = client.get(reverse(EDIT, args=[profile.pk])).content.decode()
    assert "People with disabilities" in english and "Mennesker med handicap" not in english
    assert "Former prisoners" in english


def test_the_preview_shows_the_draft_to_its_owner_only(client, soev):
    profile = _profile(soev)
    _fill_half(profile, soev)
    client.force_login(soev)
    panel = _panel(client)
    preview = re.search(r'<a [^>]*href="([^"]+)">Se forhåndsvisning</a>', panel).group(1)
    response = client.get(preview)
    assert response.status_code == 200
    assert "Vi syr, reparerer og ompolstrer." in response.content.decode()

    other = _user("anden@soev.example", SUPPLIERS)
    client.force_login(other)
    assert client.get(preview).status_code in (403, 404)
