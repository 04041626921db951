"""A visitor saves a directory search, confirms it from the e-mail, sees it on the signed page."""

import re

from .conftest import assert_accessible, text_of

EMAIL = "gemt@e2e.example"


def test_save_a_search_confirm_it_from_the_mail_and_see_it_listed(page, server):
    page.goto("/leverandoerer/?q=rengøring")
    assert_accessible(page)
    page.get_by_label("Din e-mailadresse").fill(EMAIL)
    page.get_by_role("button", name="Gem søgning").click()
    page.get_by_role("heading", name="Tjek din e-mail").wait_for()

    [message] = server.emails(to=EMAIL)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = re.search(r"https?://[^/\s]+(/gemte-soegninger/bekraeft/\S+/)", text_of(message))
    page.goto(path.group(1))
    page.get_by_role("button", name="Bekræft").click()
    page.get_by_text("Søgningen er gemt").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Se dine gemte søgninger").click()
    page.get_by_role("heading", name="Mine gemte søgninger").wait_for()
    page.get_by_role("button", name="Slet Søgning: “rengøring”").wait_for()
    assert_accessible(page)
