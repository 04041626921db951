"""axe-core finds nothing on the editorial pages, in both languages, on desktop and mobile."""

import pytest

from .conftest import assert_accessible

PAGES = [
    "/",
    "/en/",
    "/om/",
    "/en/om/",
    "/vejledninger/",
    "/vejledninger/opret-jeres-virksomhed/",
    "/en/vejledninger/opret-jeres-virksomhed/",
    "/soeg/?q=leverandør",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations_on_desktop(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/en/om/", "/vejledninger/opret-jeres-virksomhed/"])
def test_page_has_no_axe_violations_on_mobile(mobile_page, path):
    response = mobile_page.goto(path)
    assert response.status == 200
    assert_accessible(mobile_page)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indhold")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_language_switcher_keeps_the_same_page(page):
    page.goto("/vejledninger/opret-jeres-virksomhed/")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/vejledninger/opret-jeres-virksomhed/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Dansk").click()
    assert page.url.endswith("/vejledninger/opret-jeres-virksomhed/")
    assert "/en/" not in page.url
