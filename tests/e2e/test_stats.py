"""The statistics page in a real browser: axe finds nothing in Danish and English, and the charts
fit a phone (375 px) and a desktop (1280 px) without horizontal scrolling."""

from pathlib import Path

import pytest

from .conftest import MOBILE, assert_accessible

PAGES = ["/statistik/", "/en/statistics/"]


@pytest.mark.parametrize("path", PAGES)
def test_statistics_page_has_no_axe_violations(page, path):
    assert page.goto(path).status == 200
    page.locator("#kommuner-svg").wait_for()
    assert_accessible(page)


@pytest.mark.parametrize("path", PAGES)
def test_statistics_page_has_no_axe_violations_on_a_phone(mobile_page, path):
    assert mobile_page.goto(path).status == 200
    assert_accessible(mobile_page)


def test_a_buyer_page_has_no_axe_violations(page):
    page.goto("/statistik/")
    page.get_by_role("link", name="Aarhus Kommune").click()
    assert page.get_by_role("heading", level=1, name="Aarhus Kommune").is_visible()
    assert_accessible(page)


def _check_layout(tab):
    widths = tab.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal overflow: {widths}"
    charts = tab.locator("svg.chart")
    assert charts.count() >= 8
    viewport = tab.viewport_size["width"]
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 200 and box["height"] > 40, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport + 0.5, box


def test_charts_fit_a_phone(mobile_page):
    assert mobile_page.viewport_size == MOBILE
    mobile_page.goto("/statistik/")
    _check_layout(mobile_page)


def test_charts_fit_a_desktop_beside_their_tables(page):
    page.goto("/en/statistics/")
    _check_layout(page)
    chart = page.locator("#regioner-svg").bounding_box()
    table = page.locator("#regioner-table").bounding_box()
    assert table["x"] > chart["x"] + chart["width"], "the table stands beside the chart"


def test_the_csv_link_downloads_the_chart_numbers(page):
    page.goto("/statistik/")
    with page.expect_download() as download:
        page.locator("a[href$='regioner.csv']").click()
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Kode,Region,Socialøkonomiske virksomheder"
    assert len(text.splitlines()) == 6


def test_the_printed_page_shows_the_municipality_table(page):
    page.goto("/statistik/")
    page.emulate_media(media="print")
    assert page.locator("#kommuner-table").is_visible()
    assert not page.locator(".site-nav").is_visible()
