"""/leverandoerer/eksport.csv and .xlsx: the current result, all pages, Danish headers."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from django.conf import settings

from ..conftest import closed
from .factories import profile

pytestmark = pytest.mark.django_db
PAGE_SIZE = settings.LISTING_PAGE_SIZE


@pytest.fixture
def suppliers(directory_page):
    for n in range(PAGE_SIZE + 3):
        profile(name=f"Kantine {n:02d}", cpv=["55520000"], phone="+45 70 00 00 00")
    profile(name='=HYPERLINK("http://x")', cpv=["90911200"])
    profile(name="Kladde", cpv=["55520000"], live=False)


def read_csv(response, delimiter=";"):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # UTF-8 BOM: Excel reads Danish letters right
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_export_has_every_matching_row(client, suppliers):
    response = client.get("/leverandoerer/eksport.csv", {"cpv": "55000000"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:3] == ["Navn", "CVR-nummer", "Kort beskrivelse"]
    names = [row[0] for row in rows[1:]]
    assert len(names) == PAGE_SIZE + 3
    assert "Kladde" not in names
    assert rows[1][rows[0].index("Telefon")] == "+45 70 00 00 00"
    assert rows[1][-1].startswith("http://testserver/leverandoerer/")


def test_csv_cells_cannot_become_formulas(client, suppliers):
    rows = read_csv(client.get("/leverandoerer/eksport.csv", {"cpv": "90000000"}))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


def test_xlsx_cells_are_text_without_an_apostrophe(client, suppliers):
    response = client.get("/leverandoerer/eksport.xlsx", {"cpv": "90000000"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    name = sheet["A2"]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://x")', "s")


def test_xlsx_export_matches_the_search(client, suppliers):
    response = client.get("/leverandoerer/eksport.xlsx", {"q": "kantine"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.values)
    assert rows[0][0] == "Navn"
    assert len(rows) == PAGE_SIZE + 3 + 1


def test_english_export_has_english_headers(client, suppliers, english_directory):
    rows = read_csv(client.get("/en/leverandoerer/eksport.csv"), delimiter=",")
    assert rows[0][:2] == ["Name", "CVR number"]  # RFC 4180: commas


def test_export_of_garbage_query_is_an_empty_file_not_an_error(client, suppliers):
    response = client.get("/leverandoerer/eksport.csv", {"cpv": "xx", "q": "zzzzzz" * 1000})
    assert response.status_code == 200
    assert len(read_csv(response)) == 1


def test_danish_csv_is_semicolon_separated(client, suppliers):
    raw = b"".join(client.get("/leverandoerer/eksport.csv").streaming_content).decode("utf-8-sig")
    assert raw.splitlines()[0].startswith("Navn;CVR-nummer;Kort beskrivelse;")
    assert "\r\n" in raw


def test_xlsx_is_ready_to_filter_with_labels_and_links(client, directory_page):
    profile(
        name="Grøn Omstilling ApS",
        groups=["psykisk-saarbare"],
        website="https://groen.example/",
    )
    response = client.get("/leverandoerer/eksport.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{sheet.max_row}"
    assert sheet.column_dimensions["C"].width >= 40
    assert sheet[1][0].font.bold
    row = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert row["Målgrupper"].value == "Psykisk sårbare"
    assert row["Hjemmeside"].hyperlink.target == "https://groen.example/"
    assert row["Profil"].hyperlink.target.startswith("http://testserver/leverandoerer/")


def test_rows_of_a_big_xlsx_link_by_formula_after_the_first(client, suppliers, monkeypatch):
    from directory import exports

    monkeypatch.setattr(exports, "LINKED_ROWS", 2)
    response = client.get("/leverandoerer/eksport.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    profiles = [row[18] for row in sheet.iter_rows(min_row=2)]
    assert [cell.hyperlink is not None for cell in profiles[:3]] == [True, True, False]
    assert profiles[1].hyperlink.target.startswith("http://testserver/leverandoerer/")
    assert re.fullmatch(
        r'=HYPERLINK\("(http://testserver/leverandoerer/[^"]+)","\1"\)', profiles[2].value
    )


def test_an_export_beyond_the_slots_is_refused_in_danish(client, suppliers, settings):
    settings.DIRECTORY_EXPORT_SLOTS = 0
    settings.DIRECTORY_EXPORT_WAIT = 0
    response = client.get("/leverandoerer/eksport.csv")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert "Der kører flere eksporter lige nu" in response.content.decode()


def test_a_finished_export_gives_its_slot_back(client, suppliers, settings):
    settings.DIRECTORY_EXPORT_SLOTS = 1
    for fmt in ("csv", "xlsx", "csv"):
        response = client.get(f"/leverandoerer/eksport.{fmt}")
        assert response.status_code == 200
        b"".join(response.streaming_content)  # read to the end: the slot is given back


def test_an_export_closed_before_its_body_started_gives_its_slot_back(client, suppliers, settings):
    settings.DIRECTORY_EXPORT_SLOTS = 1
    settings.DIRECTORY_EXPORT_WAIT = 0
    closed(client.get("/leverandoerer/eksport.csv"))  # the client went before the first byte
    assert client.get("/leverandoerer/eksport.csv").status_code == 200


def test_an_export_waits_for_a_slot_given_back_meanwhile(client, suppliers, settings):
    import threading

    from django.core.cache import cache

    from directory import exports

    settings.DIRECTORY_EXPORT_SLOTS = 1
    held = exports.take_slot()
    threading.Timer(0.5, cache.delete, [held]).start()
    response = client.get("/leverandoerer/eksport.csv")
    assert response.status_code == 200
    assert len(read_csv(response)) == PAGE_SIZE + 5


def test_export_lists_every_relation(client, directory_page):
    profile(
        name="Alt i et",
        cpv=["90911200", "55520000"],
        delivery_scope="municipalities",
        municipalities=[751, 461],
        groups=["handicap"],
        tags=["økologi", "café"],
    )
    rows = read_csv(client.get("/leverandoerer/eksport.csv"))
    area, codes, groups, tags = rows[1][4:8]
    assert (area, codes, tags) == ("Aarhus, Odense", "55520000, 90911200", "café, økologi")
    assert groups == "Mennesker med handicap"


@pytest.fixture
def varied(directory_page):
    """Profiles that touch every column and every way a cell can be written."""
    profile(
        name="+Plus Kantine",
        summary='Mad; "god" mad,\nogså om aftenen',
        cpv=["90911200", "55520000"],
        delivery_scope="regions",
        regions=[1084, 1081],
        groups=["handicap", "psykisk-saarbare"],
        tags=["økologi", "=SUM(A1)"],
        rsv_claimed=True,
        rsv_verified=True,
        employees_total=12,
        employees_special_terms=4,
        contact_name="@Ida",
        email="ida@example.org",
        email_public=True,
        phone="+45 70 00 00 00",
        website="https://plus.example/",
    )
    profile(
        name="-12",
        summary="\tkantine med tabulator og \x07 klokke",
        delivery_scope="municipalities",
        municipalities=[751, 461],
        email="skjult@example.org",
        email_public=False,
        phone="-",
        open_to_consortia=True,
    )
    profile(name="Hele landet", summary="", website="", reserved_contract_eligible=True)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("q", ["", "kantine"])
def test_the_sql_rows_are_the_python_rows(varied, language, q):
    from django.db import connection
    from django.utils import translation

    from cms.spreadsheets import xlsx_value
    from directory import exports
    from directory.queries import DirectoryQuery

    assert connection.vendor == "postgresql"
    with translation.override(language):
        query = DirectoryQuery.from_querydict({"q": q}).validated()
        qs = query.results()
        base = "http://testserver/leverandoerer/"
        python_rows = [[xlsx_value(v) for v in row] for row in exports.rows(qs, base)]
        assert list(exports.sql_rows(qs, base)) == python_rows
        pks = exports.ranked_pks(query)
        assert (pks is None) == (not q)
        assert list(exports.sql_rows(qs, base, pks)) == python_rows
        assert len(python_rows) == (2 if q else 3)
        copied = b"".join(exports.written_csv(qs, base))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(exports, "on_postgresql", lambda qs: False)
            written = b"".join(exports.written_csv(qs, base))
    assert copied == written


def test_a_csv_export_left_early_leaves_the_connection_usable(suppliers, monkeypatch):
    from django.db import connection

    from directory import exports
    from directory.queries import DirectoryQuery

    monkeypatch.setattr(exports, "BLOCK_SIZE", 10)  # a block a row: stop inside COPY
    qs = DirectoryQuery.from_querydict({}).validated().results()
    stream = exports.written_csv(qs, "http://testserver/leverandoerer/")
    next(stream)
    try:
        assert next(stream).count(b"\r\n") == 1
    finally:
        stream.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM directory_supplierprofile")
        assert cursor.fetchone() == (PAGE_SIZE + 5,)
