"""A buyer searches the supplier list, filters it and opens a profile, in Danish and English."""

import re

from .conftest import assert_accessible


def _search_and_filter(page, words, button, municipality_label, apply_label):
    form = page.locator("#directory-form")
    form.locator("#directory-q").fill(words)
    form.get_by_role("button", name=button, exact=True).click()
    form.get_by_label(municipality_label, exact=True).select_option("751")
    form.get_by_role("button", name=apply_label).click()


def test_buyer_finds_a_caterer_in_aarhus_and_opens_the_profile(page):
    page.goto("/leverandoerer/")
    _search_and_filter(page, "catering", "Søg", "Kommune", "Vis resultater")
    assert "q=catering" in page.url and "municipality=751" in page.url
    status = page.get_by_role("status").filter(has_text="fundet")
    assert re.search(r"\d+ leverandør(er)? fundet", status.inner_text())
    assert page.get_by_role("link", name=re.compile("Leverer til: Aarhus")).is_visible()
    first = page.locator(".directory-card__title a").first
    name = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_role("heading", name="Kontakt").is_visible()
    assert page.get_by_text("Cateringvirksomhed").first.is_visible()
    page.go_back()
    assert "municipality=751" in page.url
    assert page.locator("#directory-q").input_value() == "catering"


def test_the_same_search_works_in_english(page):
    page.goto("/en/leverandoerer/")
    _search_and_filter(page, "catering", "Search", "Municipality", "Show results")
    assert re.search(r"\d+ suppliers? found", page.locator(".directory__count-line").inner_text())
    page.locator(".directory-card__title a").first.click()
    assert "/en/leverandoerer/" in page.url
    assert page.get_by_role("heading", name="Competences (CPV codes)").is_visible()
    assert page.get_by_text("Catering services").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "en"


def test_filtered_directory_and_profile_page_have_no_axe_violations(page):
    page.goto(
        "/leverandoerer/?q=reng%C3%B8ring&region=1082&target_group=langtidsledige&cpv=90000000"
    )
    assert page.locator(".directory__active a").count() >= 4
    assert_accessible(page)
    page.goto("/leverandoerer/?q=zzqxvw&municipality=101")
    assert page.get_by_role(
        "heading", name="Ingen leverandører passer til din søgning"
    ).is_visible()
    assert_accessible(page)
    page.goto("/leverandoerer/smag-for-alle/")
    assert_accessible(page)


def test_a_buyer_picks_a_suggestion_with_the_keyboard(page):
    page.goto("/leverandoerer/")
    field = page.get_by_role("combobox", name="Hvad har I brug for?")
    field.press_sequentially("rengø", delay=40)
    listbox = page.get_by_role("listbox", name="Forslag")
    options = listbox.get_by_role("option")
    options.first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert "forslag" in page.locator("#directory-suggestions-status").inner_text()
    assert_accessible(page)  # with the listbox open
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    field.press("ArrowDown")
    field.press("ArrowDown")
    second = options.nth(1)
    assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    value = second.locator("span").first.inner_text()
    with page.expect_navigation():
        field.press("Enter")
    assert page.locator("#directory-q").input_value() == value
    assert page.locator(".directory-card").count() > 0
    assert page.locator("#directory-sort option:checked").inner_text() == "Relevans"


def test_on_a_phone_the_first_result_shows_on_the_first_screen(mobile_page):
    mobile_page.goto("/leverandoerer/?q=reng%C3%B8ring")
    first = mobile_page.locator(".directory-card").first.bounding_box()
    assert first["y"] < mobile_page.viewport_size["height"]
    municipality = mobile_page.get_by_label("Kommune", exact=True)
    assert not municipality.is_visible()
    mobile_page.locator("summary", has_text="Filtrér").click()
    assert municipality.is_visible()
    assert_accessible(mobile_page)


def test_the_search_works_without_javascript(browser, server):
    context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="da-DK")
    tab = context.new_page()
    tab.goto("/leverandoerer/")
    assert tab.locator("#directory-q").get_attribute("role") is None
    tab.locator("#directory-q").fill("qantine")
    tab.locator("#directory-form").get_by_role("button", name="Søg", exact=True).click()
    tab.get_by_role("link", name="kantine", exact=True).click()
    assert "q=kantine" in tab.url
    assert tab.locator(".directory-card").count() > 0
    context.close()


def test_a_visitor_writes_to_a_soev_through_its_profile(page):
    page.goto("/leverandoerer/smag-for-alle/")
    page.get_by_role("link", name="Kontakt virksomheden").click()
    assert page.get_by_role("heading", name="Kontakt Smag for Alle").is_visible()
    assert_accessible(page)
    page.get_by_label("Dit navn", exact=True).fill("Karen Indkøber")
    page.get_by_label("Din e-mail", exact=True).fill("karen@")
    page.get_by_role("button", name="Send beskeden").click()
    assert page.get_by_text("Skriv en besked.").first.is_visible()
    assert page.get_by_text("Skriv en gyldig e-mailadresse, fx navn@example.dk.").first.is_visible()
    assert page.get_by_label("Dit navn", exact=True).input_value() == "Karen Indkøber"
    assert_accessible(page)
    page.get_by_label("Din e-mail", exact=True).fill("karen@aarhus.example")
    page.get_by_label("Emne", exact=True).fill("Frokost til 40")
    page.get_by_label("Besked", exact=True).fill("Kan I levere frokost hver fredag?")
    page.get_by_role("button", name="Send beskeden").click()
    assert page.get_by_role("heading", name="Din besked er sendt").is_visible()
    assert_accessible(page)
