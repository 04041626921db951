"""CSV and XLSX files of a directory search result, written row by row.

On PostgreSQL one SQL statement builds every row (``row_select``): the CSV is its ``COPY … TO
STDOUT`` output passed on block by block, the XLSX is written from its rows read through a
server-side cursor. Elsewhere (SQLite) ``rows`` builds the same rows in Python from values read
in chunks. Either way memory stays flat and the first bytes leave at once, whether the result has
ten rows or a hundred thousand.
"""

import csv
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import Window
from django.db.models.functions import RowNumber
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.spreadsheets import (
    FORMULA_STARTS,
    ILLEGAL_CHARACTERS_RE,
    csv_delimiter,
    safe_cell,
    text_cell,
    xlsx_value,
)

from . import reference
from .models import Municipality, Region, SupplierProfile, SupplierTag, TargetGroup

CHUNK_SIZE = 2000
BLOCK_SIZE = 64 * 1024
SLOT_SECONDS = 120  # a slot a crashed worker never gave back frees itself
RETRY_SECONDS = 30
SLOT_POLL_SECONDS = 0.2


def take_slot():
    """The cache key of a free export slot, now taken (shared by every process through the
    cache); None when ``DIRECTORY_EXPORT_SLOTS`` exports are still running after
    ``DIRECTORY_EXPORT_WAIT`` seconds."""
    deadline = time.monotonic() + settings.DIRECTORY_EXPORT_WAIT
    while True:
        for n in range(settings.DIRECTORY_EXPORT_SLOTS):
            key = f"directory-export-slot:{n}"
            if cache.add(key, 1, SLOT_SECONDS):
                return key
        if time.monotonic() >= deadline:
            return None
        time.sleep(SLOT_POLL_SECONDS)


class Holding:
    """``content`` streamed while holding ``slot``, given back when the server closes the
    response: the body sent, the client gone, or the body never started."""

    def __init__(self, content, slot):
        self.content, self.slot = content, slot

    def __iter__(self):
        return iter(self.content)

    def close(self):
        cache.delete(self.slot)


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
# Rows whose website and profile are links: openpyxl holds every link (~1 KB) until the sheet is
# saved, and Excel takes at most 65,530 in a sheet; further rows link by a HYPERLINK formula.
LINKED_ROWS = 5_000
FORMULA_URL_LENGTH = 255  # Excel's limit for a HYPERLINK address


def target_group_labels():
    """Target group names in the active language, by slug (the slug is the same in each)."""
    language = get_language()
    names = dict(
        TargetGroup.objects.filter(locale__language_code=language).values_list("slug", "name")
    )
    return names


def rows(qs, profile_base):
    """The export's rows built in Python from values rows (any database)."""
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
                f"{profile_base}{p['slug']}/",
            ]


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


def through(field):
    return table(SupplierProfile._meta.get_field(field).remote_field.through)


SIGNED_NUMBER = "^[+-] *[0-9][0-9 ]*$"  # left as it is by safe_cell
SQL_COLUMNS = (
    ("name", "cvr", "summary", "municipality", "area", "cpv", "groups", "tags", "rsv")
    + ("reserved", "employees_total", "employees_special_terms", "consortia", "subcontracting")
    + ("contact_name", "email", "phone", "website", "profile")
)
NUMBER_COLUMNS = ("employees_total", "employees_special_terms")


def ranked_pks(query):
    """The ids of ``query``'s matches in the order of its ``results``, from the ranking its
    directory pages use (shared through the cache); None when SQL orders them better (no words,
    or newest first)."""
    if not query.q or query.problem or query.effective_sort == "newest":
        return None
    return query.page_pks(0, None)


def numbered_profiles(qs, pks):
    """(SQL, parameters) of the profiles' ``FIELDS`` after their place in the export: the
    place of each in ``pks`` (one array parameter, no ranking again), else in ``qs``'s order."""
    if pks is not None:
        columns = ", ".join(f"p.{name}" for name in ("id", *FIELDS[1:]))
        return (
            f"SELECT o.n, {columns} FROM unnest(%s::int[]) WITH ORDINALITY AS o (id, n) "  # noqa: S608
            f"JOIN {table(SupplierProfile)} p ON p.id = o.id WHERE p.live",
            [list(pks)],
        )
    numbered = qs.annotate(export_n=Window(RowNumber(), order_by=list(qs.query.order_by)))
    return (
        numbered.order_by()
        .values_list("export_n", *FIELDS)
        .query.get_compiler(using=qs.db)
        .as_sql()
    )


def row_select(qs, profile_base, for_csv, pks=None):
    """(SQL, parameters) of one PostgreSQL statement giving the rows ``rows`` gives, in the
    order of ``qs`` (or of ``pks``, its ids in that order); None when ``qs`` cannot match. For
    CSV the text goes through ``safe_cell`` and empty cells are NULL (``COPY`` writes NULL bare,
    "" quoted)."""
    try:
        profiles, profile_params = numbered_profiles(qs, pks)
    except EmptyResultSet:
        return None
    scope = SupplierProfile.DeliveryScope
    region_name = "name_en" if (get_language() or "").startswith("en") else "name"
    tag = SupplierTag._meta.get_field("tag").remote_field.model
    locale = TargetGroup._meta.get_field("locale").remote_field.model
    yes, no = _("Yes"), _("No")
    relations = f"""
        WITH p ({", ".join(("n", "id", *FIELDS[1:]))}) AS MATERIALIZED ({profiles}),
        reg AS (
          SELECT t.supplierprofile_id AS id,
            string_agg(r.{region_name}, ', ' ORDER BY r.name) AS v
          FROM {through("delivery_regions")} t JOIN p ON p.id = t.supplierprofile_id
          JOIN {table(Region)} r ON r.code = t.region_id GROUP BY 1),
        mun AS (
          SELECT t.supplierprofile_id AS id, string_agg(mu.name, ', ' ORDER BY mu.name) AS v
          FROM {through("delivery_municipalities")} t JOIN p ON p.id = t.supplierprofile_id
          JOIN {table(Municipality)} mu ON mu.code = t.municipality_id GROUP BY 1),
        cpv AS (
          SELECT t.supplierprofile_id AS id,
            string_agg(t.cpvcode_id, ', ' ORDER BY t.cpvcode_id) AS v
          FROM {through("cpv_codes")} t JOIN p ON p.id = t.supplierprofile_id GROUP BY 1),
        tg AS (
          SELECT t.supplierprofile_id AS id,
            string_agg(coalesce(label.name, g.slug), ', ' ORDER BY g.name) AS v
          FROM {through("target_groups")} t JOIN p ON p.id = t.supplierprofile_id
          JOIN {table(TargetGroup)} g ON g.id = t.targetgroup_id
          LEFT JOIN {table(TargetGroup)} label ON label.slug = g.slug AND label.locale_id = (
            SELECT id FROM {table(locale)} WHERE language_code = %s)
          GROUP BY 1),
        tags AS (
          SELECT t.content_object_id AS id, string_agg(tag.name, ', ' ORDER BY tag.name) AS v
          FROM {table(SupplierTag)} t JOIN p ON p.id = t.content_object_id
          JOIN {table(tag)} tag ON tag.id = t.tag_id GROUP BY 1)
    """  # noqa: S608  (only table and column names are formatted in)
    rows_sql = f"""
        SELECT p.n, p.name, p.cvr, p.summary, coalesce(home.name, '') AS municipality,
          CASE p.delivery_scope WHEN %s THEN %s WHEN %s THEN coalesce(reg.v, '')
            ELSE coalesce(mun.v, '') END AS area,
          coalesce(cpv.v, '') AS cpv, coalesce(tg.v, '') AS groups, coalesce(tags.v, '') AS tags,
          CASE WHEN p.rsv_claimed AND p.rsv_verified THEN %s ELSE %s END AS rsv,
          CASE WHEN p.reserved_contract_eligible THEN %s ELSE %s END AS reserved,
          p.employees_total, p.employees_special_terms,
          CASE WHEN p.open_to_consortia THEN %s ELSE %s END AS consortia,
          CASE WHEN p.open_to_subcontracting THEN %s ELSE %s END AS subcontracting,
          p.contact_name, CASE WHEN p.email_public THEN p.email ELSE '' END AS email,
          p.phone, p.website, %s || p.slug || '/' AS profile
        FROM p
        LEFT JOIN {table(Municipality)} home ON home.code = p.municipality_id
        LEFT JOIN reg ON reg.id = p.id LEFT JOIN mun ON mun.id = p.id
        LEFT JOIN cpv ON cpv.id = p.id LEFT JOIN tg ON tg.id = p.id
        LEFT JOIN tags ON tags.id = p.id
        OFFSET 0
    """  # noqa: S608
    rows_params = [scope.NATIONAL, _("The whole country"), scope.REGIONS]
    rows_params += [yes, no] * 4 + [profile_base]
    cells, cell_params = [], []
    for name in SQL_COLUMNS:
        column = f"r.{name}"
        if name in NUMBER_COLUMNS:
            cells.append(f"{column}::text" if for_csv else column)
        elif for_csv:
            guarded = f"CASE WHEN left({column}, 1) = ANY(%s) AND {column} !~ %s"
            cells.append(f"nullif({guarded} THEN '''' || {column} ELSE {column} END, '')")
            cell_params += [list(FORMULA_STARTS), SIGNED_NUMBER]
        else:
            cells.append(column)
    sql = f"{relations} SELECT {', '.join(cells)} FROM ({rows_sql}) AS r ORDER BY r.n"  # noqa: S608
    params = [*profile_params, get_language(), *cell_params]
    return sql, params + [str(value) for value in rows_params]


def copied(qs, profile_base, for_csv, delimiter=",", pks=None):
    """The rows of ``row_select`` as ``COPY … (FORMAT csv)`` writes them: one row a message,
    its last byte the LF that ends it (a server-side cursor would plan for the first rows)."""
    select = row_select(qs, profile_base, for_csv, pks)
    if select is None:
        return
    sql, params = select
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    database = connections[qs.db]
    with transaction.atomic(using=qs.db), database.connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # compiling the statement takes longer than it runs
        with cursor.copy(statement, params) as copy:
            yield from copy


NUMBER_INDEXES = [SQL_COLUMNS.index(name) for name in NUMBER_COLUMNS]


def sql_rows(qs, profile_base, pks=None):
    """The rows of ``row_select`` for the XLSX: lists of text, numbers where there are, without
    the characters XLSX cannot hold (none of them means anything in CSV)."""
    lines = (
        ILLEGAL_CHARACTERS_RE.sub("", bytes(line).decode())
        for line in copied(qs, profile_base, for_csv=False, pks=pks)
    )
    for row in csv.reader(lines):
        for index in NUMBER_INDEXES:
            if row[index]:
                row[index] = int(row[index])
        yield row


def copied_csv(qs, profile_base, pks=None):
    """The CSV rows of ``row_select`` in blocks, each line ending in CRLF like the csv
    module's."""
    lines, size = [], 0
    for line in copied(qs, profile_base, for_csv=True, delimiter=csv_delimiter(), pks=pks):
        lines.append(line[:-1])
        size += len(line)
        if size >= BLOCK_SIZE:
            yield b"\r\n".join(lines) + b"\r\n"
            lines, size = [], 0
    if lines:
        yield b"\r\n".join(lines) + b"\r\n"


def filename(extension):
    return f"leverandoerer-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    def write(self, value):
        return value


def on_postgresql(qs):
    return connections[qs.db].vendor == "postgresql"


def written_csv(qs, profile_base, pks=None):
    """The CSV file in blocks of bytes: a BOM, the header, the rows (``pks``: see
    ``row_select``)."""
    writer = csv.writer(_Echo(), delimiter=csv_delimiter())
    yield ("\ufeff" + writer.writerow(columns())).encode()
    if on_postgresql(qs):
        yield from copied_csv(qs, profile_base, pks)
        return
    for row in rows(qs, profile_base):
        yield writer.writerow([safe_cell(value) for value in row]).encode()


def csv_response(qs, profile_base, pks=None):
    response = StreamingHttpResponse(
        written_csv(qs, profile_base, pks), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def link_cell(sheet, url, as_formula=False):
    """The address as a link: a hyperlink of the sheet, or a ``HYPERLINK`` formula (kept in no
    list until the sheet is saved); plain text if it is no web address."""
    from openpyxl.cell import WriteOnlyCell

    if not url.startswith(("https://", "http://")):
        return text_cell(sheet, url)
    if as_formula and len(url) <= FORMULA_URL_LENGTH:
        quoted = '"' + url.replace('"', '""') + '"'
        cell = WriteOnlyCell(sheet, f"=HYPERLINK({quoted},{quoted})")
    else:
        cell = text_cell(sheet, url)
        cell.hyperlink = url
    cell.style = "Hyperlink"
    return cell


def write_workbook(qs, profile_base, pks=None):
    """The XLSX file of the result, in an open temporary file."""
    from openpyxl import Workbook  # here: the CSV and every other page go without it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

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
    if on_postgresql(qs):
        source = sql_rows(qs, profile_base, pks)
    else:
        source = ([xlsx_value(value) for value in row] for row in rows(qs, profile_base))
    for row in source:
        cells = [text_cell(sheet, v) if type(v) is str and v[:1] == "=" else v for v in row]
        for index in LINK_COLUMNS:
            if row[index]:
                cells[index] = link_cell(sheet, row[index], as_formula=count >= LINKED_ROWS)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the stream)
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_response(qs, profile_base, pks=None):
    """The workbook written (write-only, rows go to a temporary file) as the response is read,
    then sent in blocks."""

    def stream():
        with write_workbook(qs, profile_base, pks) as handle:
            while block := handle.read(BLOCK_SIZE):
                yield block

    response = StreamingHttpResponse(
        stream(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
