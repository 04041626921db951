"""Spreadsheet cells that stay text: what users typed never runs as a formula (CSV injection).

The public directory export and every admin listing export (``?export=csv`` / ``xlsx``) write
their cells through these helpers; admin exports as Danish spreadsheets expect them: a BOM and
semicolons in Danish CSV, local times, "Ja"/"Nej".
"""

import csv
import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail.admin.widgets.button import HeaderButton

from .admin_display import yes_no

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The control characters XLSX cannot store (openpyxl's ``ILLEGAL_CHARACTERS_RE``; openpyxl itself
# is imported only when a workbook is written: it costs every process ~20 MB).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def safe_cell(value):
    """A CSV cell that spreadsheet programs read as text: a leading apostrophe before a formula.

    Signed numbers such as ``-12`` or ``+45 70 00 00 00`` (a phone number) are left as they are.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value[0] in "+-" and value[1:].replace(" ", "").isdigit():
        return value
    return "'" + value


def xlsx_value(value):
    """A value XLSX can hold: control characters that it cannot store are dropped."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def text_cell(sheet, value):
    """A cell of a write-only XLSX ``sheet``. Text is stored as text, even ``=…``, so it is never
    evaluated and needs no apostrophe."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, xlsx_value(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def csv_delimiter():
    """Semicolons in Danish (what Excel with Danish regional settings expects), RFC 4180
    commas in English."""
    return ";" if get_language() == "da" else ","


def _local_datetime_text(value):
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


class SafeSpreadsheetExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: CSV cells go through ``safe_cell``;
    XLSX cells through ``xlsx_value``, and Wagtail already stores formula-like text as text.
    Booleans are written as words, times in the local time zone, CSV with a BOM and
    ``csv_delimiter``. The download buttons stand beside the heading, not in its "more" menu."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        bool: {CSV: lambda value: str(yes_no(value)), XLSX: lambda value: str(yes_no(value))},
        datetime.datetime: {
            CSV: _local_datetime_text,
            XLSX: lambda value: timezone.make_naive(value) if timezone.is_aware(value) else value,
        },
        datetime.date: {CSV: lambda value: date_format(value, "SHORT_DATE_FORMAT"), XLSX: None},
    }

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
                HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        exports = {self.csv_export_url, self.xlsx_export_url}
        return [b for b in super().header_more_buttons if getattr(b, "url", None) not in exports]

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=csv_delimiter())
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield "\ufeff".encode() + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return safe_cell(value)
        return xlsx_value(value)


class SafeExportViewSetMixin:
    """For a ``ModelViewSet``/``SnippetViewSet``: every export view it builds (the listing) gets
    ``SafeSpreadsheetExportMixin``, whatever ``index_view_class`` a subclass sets."""

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, SpreadsheetExportMixin) and not issubclass(
            view_class, SafeSpreadsheetExportMixin
        ):
            view_class = type(view_class.__name__, (SafeSpreadsheetExportMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
