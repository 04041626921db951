"""A SØV finishes a half-filled profile from its dashboard and submits it; an editor finds it in
the queue and approves it. axe finds nothing on the dashboard and the queue."""

import re

from .conftest import assert_accessible, text_of
from .test_supplier_journey import ADMIN, _footer_action, _log_in

EMAIL, PASSWORD = "lone@halvfaerdig.example", "Sk0vmaerke-Halv-42"
NAME = "Halvfærdigt Syværksted"
EDITOR = "redaktion@halvfaerdig.example"
HALF_FILLED = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from stdnum.dk import cvr
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from accounts.groups import EDITORS, SUPPLIERS
from accounts.models import Account
from accounts.services import create_user_with_account
from directory.models import CpvCode, SupplierProfile

with transaction.atomic():
    editor = get_user_model().objects.create_user("{EDITOR}", "{EDITOR}", "Redakt0er-Halv-42")
    editor.groups.add(Group.objects.get(name=EDITORS))
    user = create_user_with_account(
        full_name="Lone Syersen", email="{EMAIL}", password="{PASSWORD}",
        kind=Account.Kind.SUPPLIER, organisation_name="{NAME}", group=SUPPLIERS, approved=True,
    )
    number = next(
        n for n in (f"{{n:08d}}" for n in range(41000000, 42000000))
        if cvr.is_valid(n) and not SupplierProfile.objects.filter(cvr=n).exists()
    )
    profile = SupplierProfile.objects.create(
        name="{NAME}", slug="halvfaerdigt-syvaerksted", cvr=number, live=False,
        summary="Vi syr og reparerer arbejdstøj.", description="<p>Med ansatte i fleksjob.</p>",
        delivery_scope="national", contact_name="Lone Syersen", email="{EMAIL}",
        logo=Image.objects.create(title="Logo", file=get_test_image_file(), uploaded_by_user=user),
    )
    profile.owners.add(user)
    profile.cpv_codes.set([CpvCode.objects.get(code="39143000")])
    profile.save_revision(user=user)
"""


def _percent(page):
    text = page.locator("#our-profile-heading").locator("xpath=../..").inner_text()
    return int(re.search(r"Profilen er (\d+) % udfyldt", text).group(1))


def test_a_soev_completes_its_profile_and_an_editor_approves_it_from_the_queue(
    page, browser, server
):
    server.shell(HALF_FILLED)
    _log_in(page, EMAIL, PASSWORD)
    assert _percent(page) == 67
    assert page.get_by_text("Status: Kladde").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ansatte").click()
    page.wait_for_url(re.compile(r"/edit/\d+/#panel-.*employees_total-wrapper$"))
    field = page.locator("#id_employees_total")
    assert field.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    field.fill("10")
    page.locator("#id_employees_special_terms").fill("4")
    page.locator("#id_offerings-ADD").click()
    page.locator("#id_offerings-0-title").fill("Reparation af arbejdstøj")
    page.locator("#id_references-ADD").click()
    page.locator("#id_references-0-customer").fill("Aarhus Kommune")
    page.locator("#id_references-0-delivered").fill("Reparation af 300 sæt arbejdstøj")
    with page.expect_navigation(timeout=60_000):  # a save re-indexes the profile: slow on CI
        page.locator("footer button.action-save").click(timeout=60_000)

    page.goto("/admin/")
    assert _percent(page) == 100
    preview = page.get_by_role("link", name="Se forhåndsvisning")
    preview.click()
    page.get_by_role("heading", name=NAME, level=1).wait_for()
    assert page.get_by_text("Reparation af arbejdstøj").first.is_visible()
    page.go_back()

    page.get_by_role("link", name="Redigér profilen").click()
    _footer_action(page, "action-submit")
    page.wait_for_url(re.compile(r"/admin/snippets/directory/supplierprofile/$"))
    page.goto("/admin/")
    assert page.get_by_text("Status: Venter på godkendelse").is_visible()
    to_editor = [text_of(m) for m in server.emails(to=EDITOR)]
    assert any(f'"{NAME}" er sendt til godkendelse' in body for body in to_editor)

    editor = browser.new_context(base_url=server.url, locale="da-DK").new_page()
    _log_in(editor, *ADMIN)
    editor.goto("/admin/tal/koe/")
    assert_accessible(editor)
    row = editor.locator("tr", has_text=NAME)
    assert "offentliggjort" not in row.inner_text()  # a new profile, not a change
    assert (
        row.get_by_role("link", name=re.compile(r"^\d{8}"))
        .get_attribute("href")
        .startswith("https://datacvr.virk.dk/enhed/virksomhed/")
    )
    row.get_by_role("link", name=re.compile("^Gennemgå ændringen")).click()
    _footer_action(editor, "approve")
    editor.wait_for_url(re.compile(r"/admin/snippets/directory/supplierprofile/$"))
    editor.goto("/admin/tal/koe/")
    assert editor.locator("tr", has_text=NAME).count() == 0

    page.goto("/admin/")
    assert page.get_by_text("Status: Offentliggjort").is_visible()
    assert_accessible(page)
