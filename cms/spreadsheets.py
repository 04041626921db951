"""Spreadsheet cells that stay text: what users typed never runs as a formula (CSV injection).

The public directory export and every admin listing export (``?export=csv`` / ``xlsx``) write
their cells through these helpers.
"""

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    cell = WriteOnlyCell(sheet, xlsx_value(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


class SafeSpreadsheetExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: CSV cells go through ``safe_cell``;
    XLSX cells through ``xlsx_value``, and Wagtail already stores formula-like text as text."""

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
