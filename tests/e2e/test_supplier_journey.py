"""The whole journey of a new social enterprise, in a real browser, as a user would walk it."""

import re

from .conftest import assert_accessible, text_of

ADMIN = ("admin", "demo-admin-1234")
PASSWORD = "Sk0vmaerke-Kantine-42"
CVR = "39895188"
NAME = "Sydhavnens Syværksted"


def _log_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def _footer_action(page, name):
    """Click a button in the edit form's action menu, opening its drop-down if needed."""
    button = page.locator(
        f'footer button[name="{name}"], footer button[data-workflow-action-name="{name}"]'
    ).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def test_a_social_enterprise_signs_up_and_ends_up_in_the_directory(page, browser, server):
    page.goto("/opret/leverandoer/")
    assert_accessible(page)
    page.get_by_label("CVR-nummer").fill(CVR)
    page.get_by_label("Virksomhedens navn").fill(NAME)
    page.get_by_label("Dit navn").fill("Mette Holm")
    page.get_by_label("E-mail").fill("mette@syvaerksted.example")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(PASSWORD)
    page.get_by_label("Jeg accepterer vilkårene").check()
    page.get_by_role("button", name="Opret profil").click()
    page.get_by_role("heading", name="Tjek din e-mail").wait_for()

    mail = server.emails(to="mette@syvaerksted.example")[-1]
    link = re.search(r"https?://\S+/opret/bekraeft/\S+/", text_of(mail))
    page.goto(link.group(0))
    page.get_by_role("heading", name="Tak – din e-mail er bekræftet").wait_for()

    editor = browser.new_context(base_url=server.url).new_page()
    _log_in(editor, *ADMIN)
    editor.goto("/admin/konti/afventer/")
    row = editor.locator("tr", has_text=NAME)
    row.get_by_role("button", name="Godkend").click()
    editor.get_by_text("er godkendt").wait_for()
    assert "godkendt" in server.emails(to="mette@syvaerksted.example")[-1]["Subject"]

    _log_in(page, "mette@syvaerksted.example", PASSWORD)
    page.get_by_role("link", name="Redigér profilen").click()
    page.locator("#id_summary").fill("Vi syr, reparerer og ompolstrer – med ansatte i fleksjob.")
    page.locator("#id_cpv_codes").fill("39143000")
    page.locator("#id_delivery_scope").select_option("national")
    edit_url = page.url
    assert page.locator("button[name='action-publish']").count() == 0
    _footer_action(page, "action-submit")
    page.wait_for_url(re.compile(r"/admin/snippets/directory/supplierprofile/$"))

    editor.goto(edit_url)
    _footer_action(editor, "approve")
    editor.wait_for_url(re.compile(r"/admin/snippets/directory/supplierprofile/$"))

    page.goto(f"/leverandoerer/?q={NAME.split()[0]}")
    assert page.get_by_role("link", name=NAME).count() >= 1
    page.get_by_role("link", name=NAME).first.click()
    page.get_by_role("heading", name=NAME).wait_for()
