"""A public buyer signs up, confirms the e-mail, is approved and logs in to their tender plan."""

import re

from .conftest import assert_accessible, text_of
from .test_supplier_journey import ADMIN, PASSWORD, _log_in

EMAIL = "jonas@vejle-indkoeb.example"


def test_a_buyer_signs_up_is_approved_and_logs_in(page, browser, server):
    page.goto("/opret/ordregiver/")
    assert_accessible(page)
    page.get_by_label("Dit navn").fill("Jonas Lund")
    page.get_by_label("E-mail").fill(EMAIL)
    page.locator("#id_organisation").select_option(label="Vejle Kommune")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(PASSWORD)
    page.get_by_label("Jeg accepterer vilkårene").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    body = text_of(server.emails(to=EMAIL)[-1])
    page.goto(re.search(r"https?://\S+/opret/bekraeft/\S+/", body).group(0))
    page.get_by_role("heading", name="Tak – din e-mail er bekræftet").wait_for()

    editor = browser.new_context(base_url=server.url).new_page()
    _log_in(editor, *ADMIN)
    editor.goto("/admin/konti/afventer/")
    editor.locator("tr", has_text="Jonas Lund").get_by_role("button", name="Godkend").click()
    editor.get_by_text("er godkendt").wait_for()

    _log_in(page, EMAIL, PASSWORD)
    assert page.locator("a[href='/admin/pages/']").count() == 0
    page.goto("/admin/snippets/procurement/tenderplanentry/")
    assert page.locator("h1, h2").first.is_visible()
    assert page.url.endswith("/admin/snippets/procurement/tenderplanentry/")
    assert page.goto("/admin/users/").status == 403


def test_the_sign_up_rate_limit_keeps_what_was_typed_accessibly(page):
    """Three sign-ups with one e-mail address are allowed; the fourth is refused on the form."""
    email = "lotte@gentagelse.example"
    for _attempt in range(4):
        page.goto("/opret/ordregiver/")
        page.get_by_label("Dit navn").fill("Lotte Gentagen")
        page.get_by_label("E-mail").fill(email)
        page.locator("#id_organisation").select_option(label="Vejle Kommune")
        page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
        page.get_by_label("Gentag adgangskoden").fill(PASSWORD)
        page.get_by_label("Jeg accepterer vilkårene").check()
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("Du har prøvet for mange gange").is_visible()
    assert page.get_by_label("Dit navn").input_value() == "Lotte Gentagen"
    assert page.get_by_label("E-mail").input_value() == email
    terms = page.get_by_role("link", name="vilkårene for brug")
    assert terms.get_attribute("target") is None and terms.get_attribute("href")
    assert_accessible(page)
