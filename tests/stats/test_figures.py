"""The figures on /statistik/ against the hand-built data set: each chart's numbers equal its
table's and its CSV's, and those equal a direct count in the database."""

import csv
import io
import re

import pytest

from django.db.models import Q

from directory.models import SupplierProfile
from procurement.models import InterestExpression, TenderPlanEntry
from stats.figures import cached_figures

pytestmark = pytest.mark.django_db


def svg_of(html, slug):
    match = re.search(rf'<svg[^>]*id="{slug}-svg".*?</svg>', html, re.S)
    assert match, f"no chart {slug}"
    return match.group(0)


def table_rows(html, slug):
    """{row code: [numbers]} of the chart's table."""
    table = re.search(rf'<table[^>]*id="{slug}-table".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    rows = {}
    for code, cells in re.findall(r'<tr data-code="([^"]*)">(.*?)</tr>', body, re.S):
        rows[code] = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', cells)]
    return rows


def csv_rows(client, slug, page_url="/statistik/"):
    response = client.get(f"{page_url}{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    header, *rows = list(reader)
    return header, {row[0]: [int(n) for n in row[2:]] for row in rows}


def delivering_in_region(code):
    return (
        SupplierProfile.objects.live()
        .filter(
            Q(delivery_scope="national")
            | Q(delivery_scope="regions", delivery_regions=code)
            | Q(delivery_scope="municipalities", delivery_municipalities__region=code)
        )
        .distinct()
        .count()
    )


def test_regions_chart_table_csv_and_direct_count_agree(client, data):
    html = client.get("/statistik/").content.decode()
    table = table_rows(html, "regioner")
    _header, from_csv = csv_rows(client, "regioner")
    svg = svg_of(html, "regioner")
    expected = {"1081": 1, "1082": 3, "1083": 1, "1084": 2, "1085": 1}
    assert {code: values[0] for code, values in table.items()} == expected
    assert {code: values[0] for code, values in from_csv.items()} == expected
    assert {code: delivering_in_region(int(code)) for code in expected} == expected
    bars = sorted(int(v) for v in re.findall(r'data-value="(\d+)"', svg))
    assert bars == sorted(expected.values())


def test_map_has_all_98_municipalities_with_the_table_numbers(client, data):
    html = client.get("/statistik/").content.decode()
    svg = svg_of(html, "kommuner")
    dots = dict(re.findall(r'data-code="(\d+)" data-value="(\d+)"', svg))
    table = table_rows(html, "kommuner")
    assert len(dots) == 98
    assert {code: int(n) for code, n in dots.items()} == {c: v[0] for c, v in table.items()}
    assert (int(dots["751"]), int(dots["101"]), int(dots["461"])) == (3, 2, 1)
    assert html.count("<circle") >= 98


def test_cpv_divisions_and_nationwide(client, data):
    figures = cached_figures()
    divisions = {row.code: row.values[0] for row in figures.chart("brancher").rows}
    assert divisions == {"90000000": 2, "55000000": 1, "45000000": 1}
    direct = SupplierProfile.objects.live().filter(cpv_codes__code__startswith="90").distinct()
    assert divisions["90000000"] == direct.count()
    assert figures.key_figures["suppliers"] == SupplierProfile.objects.live().count() == 3
    assert figures.key_figures["nationwide"] == 1
    html = client.get("/statistik/").content.decode()
    assert table_rows(html, "brancher") == {code: [n] for code, n in divisions.items()}


def test_tender_plan_by_quarter_procedure_interest_and_reservation(client, data):
    html = client.get("/statistik/").content.decode()
    quarters = table_rows(html, "udbud-kvartal")
    # columns: EU, national, below threshold, direct award, market dialogue, total
    assert quarters == {"2027-Q1": [1, 0, 1, 0, 0, 2], "2027-Q2": [0, 1, 0, 0, 0, 1]}
    _header, from_csv = csv_rows(client, "udbud-kvartal")
    assert from_csv == {code: values[:-1] for code, values in quarters.items()}
    svg = svg_of(html, "udbud-kvartal")
    assert re.findall(r'data-total="(\d+)"', svg) == ["2", "1"]

    interest = table_rows(html, "udbud-interesse")
    assert interest["eu_tender"] == [1, 0, 1]
    assert interest["below_threshold"] == [0, 1, 1]
    assert interest["national_tender"] == [0, 1, 1]
    with_interest = (
        TenderPlanEntry.objects.live()
        .filter(
            pk__in=InterestExpression.objects.active().filter(supplier__live=True).values("entry")
        )
        .count()
    )
    figures = cached_figures().key_figures
    assert figures["entries_with_interest"] == with_interest == 1
    assert figures["entries"] == TenderPlanEntry.objects.live().count() == 3
    assert figures["interest_percent"] == 33
    assert table_rows(html, "reserverede") == {"none": [2], "res-ws": [1], "res-pub-ser": [0]}
    assert figures["reserved_entries"] == 1


def test_events_held_and_people_registered(client, data):
    html = client.get("/statistik/").content.decode()
    assert table_rows(html, "arrangementer") == {"2024": [1, 3], "2025": [1, 2]}
    figures = cached_figures().key_figures
    assert (figures["events_held"], figures["people_registered"]) == (2, 5)
    assert figures["upcoming_events"] == 1
    svg = svg_of(html, "arrangementer")
    assert sorted(int(v) for v in re.findall(r'data-value="(\d+)"', svg)) == [1, 1, 2, 3]


def test_impact_counts_only_live_profiles_that_consented(client, data):
    figures = cached_figures()
    impact = {row.code: row.values[0] for row in figures.chart("effekt").rows}
    assert impact == {
        "jobs_special_terms": 15,
        "trainees": 3,
        "into_work": 2,
        "people_reached": 30,
    }
    assert figures.impact == {"profiles": 2, "first_year": 2024, "last_year": 2025}
    groups = {row.code: row.values[0] for row in figures.chart("maalgrupper").rows}
    assert groups == {"handicap": 1}  # Beta (no consent) and Delta (draft) are left out
    html = client.get("/statistik/").content.decode()
    assert table_rows(html, "effekt")["jobs_special_terms"] == [15]
    assert "100" not in str(table_rows(html, "effekt"))


def test_a_draft_change_is_not_counted_until_it_is_published(client, data):
    """Drafts are not public: the live row is what counts."""
    data.c.impact_public = False
    data.c.impact_jobs_special_terms = 999
    data.c.save_revision()
    impact = {row.code: row.values[0] for row in cached_figures().chart("effekt").rows}
    assert impact["jobs_special_terms"] == 15
    data.c.refresh_from_db()
    data.c.get_latest_revision().publish()
    impact = {row.code: row.values[0] for row in cached_figures().chart("effekt").rows}
    assert impact["jobs_special_terms"] == 10


def test_english_page_and_csv_use_english_labels(client, data):
    html = client.get("/en/statistics/").content.decode()
    assert "Social enterprises that deliver in each region" in html
    assert table_rows(html, "regioner")["1082"] == [3]
    header, rows = csv_rows(client, "regioner", "/en/statistics/")
    assert header == ["Code", "Region", "Social enterprises"]
    assert rows["1082"] == [3]
    danish = client.get("/statistik/").content.decode()
    assert "Socialøkonomiske virksomheder, der leverer i hver region" in danish


def test_unknown_chart_csv_is_404(client, data):
    assert client.get("/statistik/ukendt.csv").status_code == 404
    assert client.get("/statistik/ukendt.csv/").status_code == 404


def test_statistics_page_tree_rules():
    from cms.models import HomePage, StandardPage
    from stats.models import StatisticsPage

    assert StatisticsPage in HomePage.allowed_subpage_models()
    assert StatisticsPage.allowed_parent_page_models() == [HomePage]
    assert StatisticsPage.allowed_subpage_models() == []
    assert StatisticsPage not in StandardPage.allowed_subpage_models()
