"""CSV and XLSX files of a directory search result, written row by row.

Rows are read in chunks with their relations prefetched per chunk, so memory stays flat
whether the result has ten rows or a hundred thousand.
"""

import csv
import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.db.models import Prefetch
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.spreadsheets import csv_delimiter, safe_cell, text_cell

from .models import SupplierProfile, TargetGroup

CHUNK_SIZE = 1000


def columns():
    return [
        _("Name"),
        _("CVR number"),
        _("Summary"),
        _("Municipality"),
        _("Delivery area"),
        _("CPV codes"),
        _("Target groups"),
        _("Tags"),
        _("RSV verified"),
        _("Eligible for reserved contracts"),
        _("Employees in total"),
        _("Employees on special terms"),
        _("Open to consortia"),
        _("Open to subcontracting"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
        _("Website"),
        _("Profile"),
    ]


def export_queryset(qs):
    return (
        qs.select_related("municipality")
        .prefetch_related(
            "cpv_codes",
            "delivery_regions",
            "delivery_municipalities",
            Prefetch("target_groups"),
            "tags",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )


# Column widths in the XLSX (characters), in the order of columns().
WIDTHS = (32, 11, 60, 16, 30, 28, 30, 24, 10, 12, 10, 10, 10, 12, 22, 30, 16, 34, 50)
LINK_COLUMNS = (17, 18)  # website, profile


def target_group_labels():
    """Target group names in the active language, by slug (the slug is the same in each)."""
    language = get_language()
    names = dict(
        TargetGroup.objects.filter(locale__language_code=language).values_list("slug", "name")
    )
    return names


def rows(qs, profile_url):
    yes, no = _("Yes"), _("No")
    labels = target_group_labels()
    scope = SupplierProfile.DeliveryScope
    for p in export_queryset(qs):
        if p.delivery_scope == scope.NATIONAL:
            area = _("The whole country")
        elif p.delivery_scope == scope.REGIONS:
            area = ", ".join(r.localized_name for r in p.delivery_regions.all())
        else:
            area = ", ".join(m.name for m in p.delivery_municipalities.all())
        yield [
            p.name,
            p.cvr,
            p.summary,
            p.municipality.name if p.municipality else "",
            area,
            ", ".join(c.code for c in p.cpv_codes.all()),
            ", ".join(labels.get(g.slug, g.name) for g in p.target_groups.all()),
            ", ".join(t.name for t in p.tags.all()),
            yes if p.show_rsv_badge else no,
            yes if p.reserved_contract_eligible else no,
            p.employees_total if p.employees_total is not None else "",
            p.employees_special_terms if p.employees_special_terms is not None else "",
            yes if p.open_to_consortia else no,
            yes if p.open_to_subcontracting else no,
            p.contact_name,
            p.public_email,
            p.phone,
            p.website,
            profile_url(p.slug),
        ]


def filename(extension):
    return f"leverandoerer-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(qs, profile_url):
    writer = csv.writer(_Echo(), delimiter=csv_delimiter())

    def stream():
        yield "\ufeff" + writer.writerow(columns())
        for row in rows(qs, profile_url):
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def link_cell(sheet, url):
    cell = text_cell(sheet, url)
    if url.startswith(("https://", "http://")):
        cell.hyperlink = url
        cell.style = "Hyperlink"
    return cell


def xlsx_response(qs, profile_url):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Suppliers"))
    header = columns()
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for label in header:
        cell = WriteOnlyCell(sheet, label)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    count = 0
    for row in rows(qs, profile_url):
        cells = [text_cell(sheet, value) for value in row]
        for index in LINK_COLUMNS:
            if row[index]:
                cells[index] = link_cell(sheet, row[index])
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
