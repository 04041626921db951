"""CSV and XLSX files of a directory search result, written row by row.

Rows are read as values (no model instances) through a server-side cursor, in chunks with their
relations read per chunk, and streamed, so memory stays flat and the first bytes leave at once
whether the result has ten rows or a hundred thousand.
"""

import csv
import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.spreadsheets import csv_delimiter, safe_cell, text_cell

from . import reference
from .models import SupplierProfile, SupplierTag, TargetGroup

CHUNK_SIZE = 2000
BLOCK_SIZE = 64 * 1024
SLOT_SECONDS = 120  # a slot a crashed worker never gave back frees itself
RETRY_SECONDS = 30


def take_slot():
    """The cache key of a free export slot, now taken (shared by every process through the
    cache); None when ``DIRECTORY_EXPORT_SLOTS`` exports are running already."""
    for n in range(settings.DIRECTORY_EXPORT_SLOTS):
        key = f"directory-export-slot:{n}"
        if cache.add(key, 1, SLOT_SECONDS):
            return key
    return None


def holding(content, slot):
    """``content`` streamed; the slot is given back when it ends or the client goes."""
    try:
        yield from content
    finally:
        cache.delete(slot)


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


FIELDS = (
    "pk",
    "name",
    "cvr",
    "summary",
    "municipality_id",
    "delivery_scope",
    "rsv_claimed",
    "rsv_verified",
    "reserved_contract_eligible",
    "employees_total",
    "employees_special_terms",
    "open_to_consortia",
    "open_to_subcontracting",
    "contact_name",
    "email",
    "email_public",
    "phone",
    "website",
    "slug",
)


def chunks(qs):
    """The result's rows as dicts, in lists of ``CHUNK_SIZE``, read through a server-side
    cursor on PostgreSQL (no model instances)."""
    chunk = []
    for values in qs.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        chunk.append(dict(zip(FIELDS, values, strict=True)))
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def of_profiles(rows, column, ids):
    """``rows`` whose ``column`` is one of ``ids``: on PostgreSQL one array parameter (``IN``
    with 2,000 parameters costs more to build and send than the query takes)."""
    if connection.vendor != "postgresql":
        return rows.filter(**{f"{column}__in": ids})
    table = connection.ops.quote_name(rows.model._meta.db_table)
    return rows.extra(where=[f"{table}.{column} = ANY(%s)"], params=[list(ids)])  # noqa: S610


def related(ids):
    """{profile id: {kind: [values]}} for a chunk: one small query per relation."""
    through = {
        "cpv": (SupplierProfile.cpv_codes.through.objects, "cpvcode_id", "cpvcode_id"),
        "reg": (SupplierProfile.delivery_regions.through.objects, "region_id", "region_id"),
        "mun": (
            SupplierProfile.delivery_municipalities.through.objects,
            "municipality_id",
            "municipality__name",
        ),
        "tg": (
            SupplierProfile.target_groups.through.objects,
            "targetgroup__slug",
            "targetgroup__name",
        ),
    }
    found = {pk: {kind: [] for kind in [*through, "tag"]} for pk in ids}
    for kind, (rows, column, order) in through.items():
        pairs = of_profiles(rows, "supplierprofile_id", ids).order_by(order)
        for pk, value in pairs.values_list("supplierprofile_id", column):
            found[pk][kind].append(value)
    tags = of_profiles(SupplierTag.objects, "content_object_id", ids).order_by("tag__name")
    for pk, name in tags.values_list("content_object_id", "tag__name"):
        found[pk]["tag"].append(name)
    return found


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
    regions = [(region.code, region.localized_name) for region in reference.regions()]
    municipalities = {place.code: place.name for place in reference.municipalities()}
    scope = SupplierProfile.DeliveryScope
    for chunk in chunks(qs):
        relations = related([p["pk"] for p in chunk])
        for p in chunk:
            linked = relations[p["pk"]]
            if p["delivery_scope"] == scope.NATIONAL:
                area = _("The whole country")
            elif p["delivery_scope"] == scope.REGIONS:
                area = ", ".join(name for code, name in regions if code in linked["reg"])
            else:
                area = ", ".join(municipalities[code] for code in linked["mun"])
            yield [
                p["name"],
                p["cvr"],
                p["summary"],
                municipalities.get(p["municipality_id"], ""),
                area,
                ", ".join(linked["cpv"]),
                ", ".join(labels.get(slug, slug) for slug in linked["tg"]),
                ", ".join(linked["tag"]),
                yes if p["rsv_claimed"] and p["rsv_verified"] else no,
                yes if p["reserved_contract_eligible"] else no,
                "" if p["employees_total"] is None else p["employees_total"],
                "" if p["employees_special_terms"] is None else p["employees_special_terms"],
                yes if p["open_to_consortia"] else no,
                yes if p["open_to_subcontracting"] else no,
                p["contact_name"],
                p["email"] if p["email_public"] else "",
                p["phone"],
                p["website"],
                profile_url(p["slug"]),
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


def write_workbook(qs, profile_url):
    """The XLSX file of the result, in an open temporary file."""
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
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the stream)
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_response(qs, profile_url):
    """The workbook written (write-only, rows go to a temporary file) as the response is read,
    then sent in blocks."""

    def stream():
        with write_workbook(qs, profile_url) as handle:
            while block := handle.read(BLOCK_SIZE):
                yield block

    response = StreamingHttpResponse(
        stream(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
