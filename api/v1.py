"""The public data API at /api/v1/ (django-ninja): live, public data only."""

import datetime
from typing import Annotated, Literal

from annotated_types import Ge, Le
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger

from django.db.models import Q
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone, translation
from django.utils.http import urlencode

from cms.public import public_url
from directory import cpv
from directory.models import CpvCode
from directory.queries import FLAGS, DirectoryQuery
from events.forms import EventFilterForm
from events.models import EventPage
from procurement.models import Procedure, Reservation, Status
from procurement.queries import TenderPlanQuery

from . import bulk
from .models import Tombstone
from .pagination import CursorError, keyset_page
from .representations import (
    CPV,
    EVENT,
    MUNICIPALITY,
    REGION,
    SUPPLIER,
    TARGET_GROUP,
    TENDER,
    Context,
    iso,
)

DESCRIPTION = """
Open data about Danish social-economy enterprises (SØV), the tender plan of public buyers and
networking events. Only published data is available; no key is needed.

* **Lists** are ordered by `updated_at` (oldest first) and paginated with an opaque `cursor`:
  follow `next` until it is `null`.
* **Incremental sync**: pass `updated_since` (inclusive) to get what changed, and read
  `/api/v1/deleted/?since=…` for what was unpublished or deleted. See the sync recipe in the
  project documentation (docs/api.md).
* **Bulk**: `/api/v1/suppliers.jsonl` and `/api/v1/suppliers.csv` stream every live supplier,
  with `ETag`/`Last-Modified` (send `If-None-Match` to get `304`) and gzip.
* **Errors** are JSON: `{"detail": "…"}`. Too many requests answer `429` with `Retry-After`.
"""

MAX_LIMIT = 500
MAX_ID = 2**62
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
DEFAULT_LIMIT = 100

api = NinjaAPI(
    title="Socialøkonomisk open data API",
    version="1.0.0",
    description=DESCRIPTION.strip(),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class Error(Schema):
    """An error: what went wrong, in plain words."""

    detail: str


class FieldError(Schema):
    """One invalid parameter."""

    parameter: str
    message: str


class BadRequest(Schema):
    """A request with invalid parameters."""

    detail: str
    errors: list[FieldError]


ERRORS = {400: BadRequest, 404: Error, 429: Error}


def page_schema(item, name):
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"items": list[item], "next_cursor": str | None, "next": str | None},
            "__doc__": f"A page of {item.__name__} objects; follow ``next`` for the rest.",
        },
    )


SupplierPage = page_schema(SUPPLIER.schema, "SupplierPage")
TenderPage = page_schema(TENDER.schema, "TenderPage")
EventList = page_schema(EVENT.schema, "EventPageList")
CpvPage = page_schema(CPV.schema, "CpvCodePage")


class Deletion(Schema):
    """An object that left the public data: remove it from a mirror."""

    type: Literal["supplier", "tender", "event"]
    id: int
    reason: Literal["unpublished", "deleted"]
    removed_at: datetime.datetime


DeletionPage = page_schema(Deletion, "DeletionPage")


# --- errors ------------------------------------------------------------------------------


class BadParameter(Exception):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    errors = []
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("query", "path", "filters") and not isinstance(part, int)
        ]
        errors.append({"parameter": ".".join(location) or "?", "message": error.get("msg", "")})
    return api.create_response(
        request, {"detail": "Invalid parameters.", "errors": errors}, status=400
    )


@api.exception_handler(BadParameter)
def bad_parameter(request, exc):
    return api.create_response(
        request,
        {"detail": exc.message, "errors": [{"parameter": exc.parameter, "message": exc.message}]},
        status=400,
    )


@api.exception_handler(CursorError)
def bad_cursor(request, exc):
    return bad_parameter(request, BadParameter("cursor", str(exc)))


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


# --- helpers -----------------------------------------------------------------------------


def paginated(request, representation, queryset, cursor, limit):
    field = representation.order_field
    rows, next_cursor = keyset_page(
        queryset, field, cursor, limit, is_datetime=field not in ("code", "pk")
    )
    context = Context(request)
    next_url = None
    if next_cursor:
        params = [(k, v) for k, v in request.GET.lists() if k != "cursor"]
        flat = [(k, value) for k, values in params for value in values]
        next_url = public_url(f"{request.path}?{urlencode([*flat, ('cursor', next_cursor)])}")
    return {
        "items": [representation.represent(row, context) for row in rows],
        "next_cursor": next_cursor,
        "next": next_url,
    }


def detail(request, representation, queryset, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return representation.represent(obj, Context(request))


def query_data(**values):
    """API parameters as the query string the public pages read (None left out)."""
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if value is not None:
            data.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return data


IGNORED_ORDER = ("municipality", "region", "malformed", "cpv")


def strict(query):
    """``query`` validated as on the page, but what the page would leave out is a 400 (search
    words it would not search say why, as the page does, in English)."""
    query = query.validated()
    if getattr(query, "problem", ""):
        with translation.override("en"):
            raise BadParameter("q", query.query_problem)

    def kind(item):
        return "malformed" if item[0] == "cpv" and not cpv.normalise(item[1]) else item[0]

    for item in sorted(query.ignored, key=lambda item: IGNORED_ORDER.index(kind(item)))[:1]:
        parameter, value = item
        if kind(item) == "malformed":
            raise BadParameter("cpv", f"“{value}” is not an 8-digit CPV code.")
        label = "CPV" if parameter == "cpv" else parameter
        raise BadParameter(parameter, f"Unknown {label} code: {value}.")
    return query


EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)


RFC3339 = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"


def moment(parameter, value):
    """An RFC 3339 date-time string as an aware date-time within sane bounds, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError as error:
            raise BadParameter(parameter, "Not a valid RFC 3339 date-time.") from error
    if timezone.is_naive(value):
        try:
            value = timezone.make_aware(value)
        except (OverflowError, ValueError) as error:
            raise BadParameter(parameter, "The time is out of range.") from error
    try:
        if EARLIEST <= value <= LATEST:
            return value
    except OverflowError:
        pass
    raise BadParameter(parameter, "The time must be between the years 1900 and 9000.")


Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size.")
CursorParam = Query(None, max_length=200, description="The `next_cursor` of the previous page.")
RFC3339_HELP = (
    " An RFC 3339 date-time with a time zone, e.g. `2026-05-01T08:00:00Z` or"
    " `2026-05-01T10:00:00%2B02:00` (encode `+` as `%2B`)."
)
UpdatedSince = Query(
    None,
    pattern=RFC3339,
    max_length=40,
    description="Only objects whose `updated_at` is at or after this time." + RFC3339_HELP,
    example="2026-05-01T08:00:00Z",
)
Since = Query(
    None,
    pattern=RFC3339,
    max_length=40,
    description="Only removals at or after this time." + RFC3339_HELP,
    example="2026-05-01T08:00:00Z",
)
KindParam = Query(None, description="Only this kind of object.")
CpvSearch = Query(None, max_length=200, description="Words in the Danish or English label.")
CpvLevel = Query(None, ge=1, le=5, description="Only this level (1 = division).")


class Link(Schema):
    rel: str
    href: str
    title: str


class ApiIndex(Schema):
    title: str
    links: list[Link]


INDEX_LINKS = (
    ("docs", "/api/v1/docs", "Interactive documentation (Swagger UI)"),
    ("service-desc", "/api/v1/openapi.json", "OpenAPI 3.1 document"),
    ("suppliers", "/api/v1/suppliers/", "Live supplier profiles"),
    ("suppliers-jsonl", "/api/v1/suppliers.jsonl", "All live suppliers as JSON Lines"),
    ("suppliers-csv", "/api/v1/suppliers.csv", "All live suppliers as CSV (RFC 4180, comma)"),
    ("tenders", "/api/v1/tenders/", "Tender plan entries"),
    ("events", "/api/v1/events/", "Published events"),
    ("deleted", "/api/v1/deleted/", "Removals since a time"),
    ("cpv-codes", "/api/v1/cpv-codes/", "CPV codes"),
    ("municipalities", "/api/v1/municipalities/", "Danish municipalities"),
    ("regions", "/api/v1/regions/", "Danish regions"),
    ("target-groups", "/api/v1/target-groups/", "Target groups"),
    ("wagtail-api", "/api/cms/v2/pages/", "Wagtail API v2 (pages, suppliers, tenders, events)"),
)


@api.get("/", response={200: ApiIndex, 429: Error}, tags=["index"], summary="API index")
def index(request: HttpRequest):
    """Links to the documentation, the OpenAPI document and every endpoint."""
    return {
        "title": api.title,
        "links": [
            {"rel": rel, "href": public_url(path), "title": title}
            for rel, path, title in INDEX_LINKS
        ],
    }


# --- suppliers ---------------------------------------------------------------------------


class SupplierFilters(Schema):
    q: str | None = Query(None, description="Full-text search, at most 200 characters.")
    cpv: list[str] | None = Query(
        None, description="CPV code; includes its descendants. Repeat for any of several."
    )
    municipality: int | None = Query(
        None, ge=0, le=9999, description="Delivers to this municipality (code)."
    )
    region: int | None = Query(None, ge=0, le=9999, description="Delivers to this region (code).")
    target_group: list[str] | None = Query(None, description="Target group slug; repeatable.")
    tag: list[str] | None = Query(None, description="Tag slug; repeatable.")
    rsv_verified: bool | None = Query(None, description="Verified registered social enterprise.")
    reserved_eligible: bool | None = Query(
        None, description="Eligible for reserved contracts (§20)."
    )
    open_to_consortia: bool | None = Query(None, description="Open to consortia.")


FLAG_PARAMS = {
    "rsv_verified": "rsv",
    "reserved_eligible": "reserved",
    "open_to_consortia": "consortia",
}


def supplier_queryset(filters: SupplierFilters):
    """Live profiles matching the filters, through the directory page's own search."""
    flags = {flag: "1" for name, flag in FLAG_PARAMS.items() if getattr(filters, name) is True}
    data = query_data(
        q=filters.q,
        cpv=filters.cpv,
        municipality=filters.municipality,
        region=filters.region,
        target_group=filters.target_group,
        tag=filters.tag,
        **flags,
    )
    query = strict(DirectoryQuery.from_querydict(data))
    qs = query.matching_profiles() if query.q else query.filtered()
    for name, flag in FLAG_PARAMS.items():
        if getattr(filters, name) is False:
            qs = qs.exclude(**{FLAGS[flag][0]: True})
    return qs


@api.get(
    "/suppliers/",
    response={200: SupplierPage, **ERRORS},
    tags=["suppliers"],
    summary="List live supplier profiles",
)
def list_suppliers(
    request: HttpRequest,
    filters: Query[SupplierFilters],
    updated_since: str | None = UpdatedSince,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Live supplier profiles, oldest change first, with the directory's filters."""
    qs = supplier_queryset(filters)
    if updated_since:
        qs = qs.filter(updated_at__gte=moment("updated_since", updated_since))
    return paginated(request, SUPPLIER, SUPPLIER.prefetch(qs), cursor, limit)


@api.get(
    "/suppliers.jsonl",
    response={200: None, 304: None, 429: Error},
    tags=["bulk"],
    summary="All live suppliers as JSON Lines",
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "One Supplier object per line (gzip when accepted). With `Accept: "
                    "application/octet-stream` the same bytes come as that type, for "
                    "generated clients that read only JSON, text and binary responses."
                ),
                "content": {
                    "application/x-ndjson": {
                        "schema": {
                            "type": "string",
                            "description": "JSON Lines: one Supplier object per line.",
                        },
                        "x-item-schema": {"$ref": "#/components/schemas/Supplier"},
                    },
                    "application/octet-stream": {
                        "schema": {
                            "type": "string",
                            "format": "binary",
                            "description": "The same JSON Lines.",
                        }
                    },
                },
            },
            304: {"description": "Not modified since the ETag / date you sent."},
        }
    },
)
def suppliers_jsonl(request: HttpRequest):
    """Every live supplier, one JSON object per line, streamed."""
    return bulk.supplier_file(request, "jsonl")


@api.get(
    "/suppliers.csv",
    response={200: None, 304: None, 429: Error},
    tags=["bulk"],
    summary="All live suppliers as CSV",
    openapi_extra={
        "responses": {
            200: {
                "description": "One row per supplier; lists separated by ';' (gzip when accepted).",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
            304: {"description": "Not modified since the ETag / date you sent."},
        }
    },
)
def suppliers_csv(request: HttpRequest):
    """Every live supplier as CSV (UTF-8), streamed."""
    return bulk.supplier_file(request, "csv")


@api.get(
    "/suppliers/{supplier_id}/",
    response={200: SUPPLIER.schema, **ERRORS},
    tags=["suppliers"],
    summary="One live supplier profile",
)
def get_supplier(request: HttpRequest, supplier_id: Id):
    return detail(request, SUPPLIER, SUPPLIER.queryset(), pk=supplier_id)


# --- tenders -----------------------------------------------------------------------------


class TenderFilters(Schema):
    q: str | None = Query(None, max_length=1000, description="Full-text search.")
    cpv: list[str] | None = Query(None, description="CPV code, descendant-aware; repeatable.")
    municipality: int | None = Query(None, ge=0, le=9999, description="Delivery municipality.")
    region: int | None = Query(None, ge=0, le=9999, description="Delivery region.")
    buyer: list[Annotated[int, Ge(1), Le(MAX_ID)]] | None = Query(
        None, description="Buyer organisation id; repeatable."
    )
    procedure: list[Procedure] | None = Query(None, description="Procedure; repeatable.")
    status: list[Status] | None = Query(
        None, description="Status; repeatable. Default: every status."
    )
    reservation: list[Reservation] | None = Query(None, description="Reservation; repeatable.")
    expected_from: datetime.date | None = Query(
        None, description="Expected publication on or after this date."
    )
    expected_to: datetime.date | None = Query(
        None, description="Expected publication on or before this date."
    )


def tender_queryset(filters: TenderFilters):
    """Live entries matching the filters, through the tender plan page's own search."""
    data = query_data(
        q=filters.q,
        cpv=filters.cpv,
        organisation=filters.buyer,
        municipality=filters.municipality,
        region=filters.region,
        procedure=[v.value for v in filters.procedure or ()],
        reservation=[v.value for v in filters.reservation or ()],
        status=[v.value for v in filters.status or ()],
    )
    query = strict(TenderPlanQuery.from_querydict(data))
    qs = query.filtered(skip=() if query.status else ("status",))
    if filters.expected_from:
        qs = qs.filter(expected_publication__gte=filters.expected_from)
    if filters.expected_to:
        qs = qs.filter(expected_publication__lte=filters.expected_to)
    return qs


@api.get(
    "/tenders/",
    response={200: TenderPage, **ERRORS},
    tags=["tenders"],
    summary="List live tender plan entries",
)
def list_tenders(
    request: HttpRequest,
    filters: Query[TenderFilters],
    updated_since: str | None = UpdatedSince,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Live tender plan entries (every status unless filtered), oldest change first."""
    qs = tender_queryset(filters)
    if updated_since:
        qs = qs.filter(updated_at__gte=moment("updated_since", updated_since))
    return paginated(request, TENDER, TENDER.prefetch(qs), cursor, limit)


@api.get(
    "/tenders/{tender_id}/",
    response={200: TENDER.schema, **ERRORS},
    tags=["tenders"],
    summary="One live tender plan entry",
)
def get_tender(request: HttpRequest, tender_id: Id):
    return detail(request, TENDER, TENDER.queryset(), pk=tender_id)


# --- events ------------------------------------------------------------------------------


class EventFilters(Schema):
    type: EventPage.EventType | None = Query(None, description="Event type.")
    audience: EventPage.Audience | None = Query(
        None, description="Audience; events for everyone always match."
    )
    region: int | None = Query(
        None, ge=0, le=9999, description="Region code; online events match every region."
    )
    locale: Literal["da", "en"] | None = Query(None, description="Language version.")
    upcoming: bool | None = Query(None, description="Only events that have not ended (true).")


def event_queryset(filters: EventFilters):
    """Live public events matching the filters, through the event list's own filter form."""
    form = EventFilterForm(
        {
            "type": filters.type.value if filters.type else "",
            "audience": filters.audience.value if filters.audience else "",
            "region": "" if filters.region is None else filters.region,
        }
    )
    if "region" in form.errors:
        raise BadParameter("region", f"Unknown region code: {filters.region}.")
    qs = form.filter(EventPage.objects.live().public())
    if filters.locale:
        qs = qs.filter(locale__language_code=filters.locale)
    if filters.upcoming is not None:
        now = timezone.now()
        qs = qs.filter(end__gte=now) if filters.upcoming else qs.filter(end__lt=now)
    return qs


@api.get(
    "/events/",
    response={200: EventList, **ERRORS},
    tags=["events"],
    summary="List published events",
)
def list_events(
    request: HttpRequest,
    filters: Query[EventFilters],
    updated_since: str | None = UpdatedSince,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Published events in every language version, oldest publication first."""
    qs = event_queryset(filters)
    if updated_since:
        qs = qs.filter(last_published_at__gte=moment("updated_since", updated_since))
    return paginated(request, EVENT, EVENT.prefetch(qs), cursor, limit)


@api.get(
    "/events/{event_id}/",
    response={200: EVENT.schema, **ERRORS},
    tags=["events"],
    summary="One published event",
)
def get_event(request: HttpRequest, event_id: Id):
    return detail(request, EVENT, EVENT.queryset(), pk=event_id)


# --- deletions ---------------------------------------------------------------------------


@api.get(
    "/deleted/",
    response={200: DeletionPage, **ERRORS},
    tags=["sync"],
    summary="Objects unpublished or deleted since a time",
)
def list_deleted(
    request: HttpRequest,
    since: str | None = Since,
    type: Tombstone.Kind | None = KindParam,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Suppliers, tenders and events that left the public data; republished ones drop out."""
    qs = Tombstone.objects.all()
    if since:
        qs = qs.filter(removed_at__gte=moment("since", since))
    if type:
        qs = qs.filter(kind=type.value)
    rows, next_cursor = keyset_page(qs, "removed_at", cursor, limit)
    next_url = None
    if next_cursor:
        params = [(k, v) for k, v in request.GET.items() if k != "cursor"]
        next_url = public_url(f"{request.path}?{urlencode([*params, ('cursor', next_cursor)])}")
    return {
        "items": [
            {"type": t.kind, "id": t.object_id, "reason": t.reason, "removed_at": iso(t.removed_at)}
            for t in rows
        ],
        "next_cursor": next_cursor,
        "next": next_url,
    }


# --- reference data ----------------------------------------------------------------------


@api.get(
    "/cpv-codes/",
    response={200: CpvPage, **ERRORS},
    tags=["reference data"],
    summary="CPV codes, searchable by label",
)
def list_cpv_codes(
    request: HttpRequest,
    q: str | None = Query(
        None, max_length=200, description="Words in the Danish or English label."
    ),
    level: int | None = CpvLevel,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """CPV 2008 codes in code order."""
    query = DirectoryQuery.from_querydict(query_data(cpv_q=q))
    qs = CpvCode.objects.all()
    for word in query.cpv_q.split()[:5]:
        qs = qs.filter(Q(label_da__icontains=word) | Q(label_en__icontains=word))
    if level:
        qs = qs.filter(level=level)
    return paginated(request, CPV, qs, cursor, limit)


def cpv_or_404(code):
    normalised = cpv.normalise(code)
    obj = CpvCode.objects.filter(code=normalised).first() if normalised else None
    if obj is None:
        raise Http404
    return obj


@api.get(
    "/cpv-codes/{code}/",
    response={200: CPV.schema, **ERRORS},
    tags=["reference data"],
    summary="One CPV code",
)
def get_cpv_code(request: HttpRequest, code: str):
    return CPV.represent(cpv_or_404(code), Context(request))


@api.get(
    "/cpv-codes/{code}/children/",
    response={200: list[CPV.schema], **ERRORS},
    tags=["reference data"],
    summary="The direct children of a CPV code",
)
def get_cpv_children(request: HttpRequest, code: str):
    parent = cpv_or_404(code)
    context = Context(request)
    return [CPV.represent(c, context) for c in CpvCode.objects.filter(parent=parent)]


@api.get(
    "/regions/",
    response={200: list[REGION.schema], 429: Error},
    tags=["reference data"],
    summary="The five Danish regions",
)
def list_regions(request: HttpRequest):
    context = Context(request)
    return [REGION.represent(r, context) for r in REGION.queryset()]


@api.get(
    "/municipalities/",
    response={200: list[MUNICIPALITY.schema], 429: Error},
    tags=["reference data"],
    summary="The 98 Danish municipalities",
)
def list_municipalities(request: HttpRequest):
    context = Context(request)
    return [MUNICIPALITY.represent(m, context) for m in MUNICIPALITY.queryset()]


@api.get(
    "/target-groups/",
    response={200: list[TARGET_GROUP.schema], 429: Error},
    tags=["reference data"],
    summary="Target groups of social enterprises",
)
def list_target_groups(request: HttpRequest):
    context = Context(request)
    return [TARGET_GROUP.represent(g, context) for g in TARGET_GROUP.queryset()]
