"""The public representation of each object the APIs publish, defined once.

Each ``Representation`` lists its public fields (name, type, description, how to read it), the
live queryset with everything it needs prefetched, and builds the JSON-ready dict. The
django-ninja schemas, the Wagtail API v2 serializers and the bulk files are all made from these
definitions, so a field can only be public in all of them or in none.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ninja import Schema
from pydantic import Field as SchemaField
from pydantic import create_model

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import translation

from taggit.models import Tag
from wagtail.rich_text import expand_db_html

from cms.pages import index_page_for
from cms.public import public_url
from directory.models import (
    CpvCode,
    Municipality,
    Region,
    SupplierOffering,
    SupplierProfile,
    SupplierReference,
    TargetGroup,
)
from events.models import EventPage
from procurement.models import TenderPlanDocument, TenderPlanEntry


def iso(value):
    """A date or an aware date-time as ISO 8601 (date-times in UTC, full precision)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def html(value):
    return expand_db_html(value) if value else ""


class Context:
    """Per-request values the representations share, such as absolute base URLs."""

    def __init__(self, request=None):
        self.request = request

    def absolute(self, path):
        if not path:
            return None
        if path.startswith(("http://", "https://")):
            return path
        return public_url(path)

    @cached_property
    def directory_url(self):
        from directory.models import DirectoryIndexPage

        with translation.override(settings.LANGUAGE_CODE):
            page = index_page_for(DirectoryIndexPage)
            return self.absolute(page.get_url(self.request)) if page else None

    @cached_property
    def tender_plan_url(self):
        from procurement.models import TenderPlanIndexPage

        with translation.override(settings.LANGUAGE_CODE):
            page = index_page_for(TenderPlanIndexPage)
            return self.absolute(page.get_url(self.request)) if page else None


@dataclass(frozen=True)
class Field:
    """One public field: its name and type in every API, and how to read it from an object."""

    name: str
    type: Any
    description: str
    get: Callable
    filterable: bool = False


@dataclass(frozen=True)
class Listed:
    """The related rows behind a list field, read from each object's prefetched relation or
    loaded for many objects at once (one query, in the related model's default order)."""

    relation: str  # the relation on the object
    model: Any  # the related model
    lookup: str  # from the related model back to the object
    columns: tuple  # read from each related object

    def rows(self, obj):
        loaded = obj.__dict__.get("listed")
        if loaded is not None:
            return loaded[self.relation]
        related = getattr(obj, self.relation).all()
        return [tuple(getattr(item, column) for column in self.columns) for item in related]

    def load(self, ids):
        """{object id: rows} for the given object ids."""
        rows = {}
        filter_ = {f"{self.lookup}__in": ids}
        for owner, *row in self.model.objects.filter(**filter_).values_list(
            self.lookup, *self.columns
        ):
            rows.setdefault(owner, []).append(tuple(row))
        return rows


class Representation:
    """The public fields and live queryset of one model."""

    name = ""
    model = None
    order_field = "updated_at"
    fields: tuple = ()
    lists: tuple = ()  # the Listed relations the fields read, for attach()

    def queryset(self):
        """Every public object, ready to represent without further queries."""
        return self.prefetch(self.model.objects.all())

    def prefetch(self, queryset):
        return queryset

    def represent(self, obj, context):
        return {field.name: field.get(obj, context) for field in self.fields}

    def attach(self, objects):
        """Load the rows of every list field for many objects, one query per relation, so
        they need no prefetched relations (faster for the bulk files)."""
        ids = [obj.pk for obj in objects]
        loaded = {listed.relation: listed.load(ids) for listed in self.lists}
        for obj in objects:
            obj.listed = {relation: rows.get(obj.pk, []) for relation, rows in loaded.items()}

    @cached_property
    def schema(self):
        """The django-ninja (pydantic) schema built from the field list."""
        return create_model(
            self.name,
            __base__=Schema,
            __doc__=self.model.__doc__,
            **{f.name: (f.type, SchemaField(..., description=f.description)) for f in self.fields},
        )

    @property
    def field_names(self):
        return [field.name for field in self.fields]


def attr(name):
    return lambda obj, ctx: getattr(obj, name)


def codes(relation, key="pk"):
    return lambda obj, ctx: [getattr(item, key) for item in getattr(obj, relation).all()]


# --- nested schemas ----------------------------------------------------------------------


class Offering(Schema):
    """One of the goods or services a supplier offers."""

    title: str
    description: str
    cpv_code: str | None
    price_indication: str


class CustomerReference(Schema):
    """A customer a supplier has delivered to."""

    customer: str
    year: int | None
    delivered: str


class Buyer(Schema):
    """The public buyer behind a tender plan entry."""

    id: int
    name: str
    kind: str
    cvr: str
    website: str


class TenderDocument(Schema):
    """A document attached to a tender plan entry."""

    title: str
    url: str


class Organiser(Schema):
    """The partner organising an event."""

    id: int
    name: str
    website: str


# --- suppliers ---------------------------------------------------------------------------


def _supplier_url(obj, ctx):
    return f"{ctx.directory_url}{obj.slug}/" if ctx.directory_url else None


def _logo(obj, ctx):
    return ctx.absolute(obj.logo.file.url) if obj.logo_id and obj.logo else None


def values(listed):
    return lambda obj, ctx: [row[0] for row in listed.rows(obj)]


def records(listed, *keys):
    return lambda obj, ctx: [dict(zip(keys, row, strict=True)) for row in listed.rows(obj)]


SUPPLIER_CPV_CODES = Listed("cpv_codes", CpvCode, "supplier_profiles", ("code",))
SUPPLIER_TARGET_GROUPS = Listed("target_groups", TargetGroup, "profiles", ("slug",))
SUPPLIER_MUNICIPALITIES = Listed(
    "delivery_municipalities", Municipality, "delivering_profiles", ("code",)
)
SUPPLIER_REGIONS = Listed("delivery_regions", Region, "delivering_profiles", ("code",))
SUPPLIER_TAGS = Listed("tags", Tag, "directory_suppliertag_items__content_object", ("name",))
SUPPLIER_OFFERINGS = Listed(
    "offerings",
    SupplierOffering,
    "profile",
    ("title", "description", "cpv_code_id", "price_indication"),
)
SUPPLIER_REFERENCES = Listed(
    "references", SupplierReference, "profile", ("customer", "year", "delivered")
)


class SupplierRepresentation(Representation):
    name = "Supplier"
    model = SupplierProfile
    fields = (
        Field("id", int, "Stable identifier.", attr("pk")),
        Field("slug", str, "Last part of the profile's web address.", attr("slug")),
        Field("name", str, "Name of the enterprise.", attr("name"), filterable=True),
        Field("url", str | None, "The public profile page.", _supplier_url),
        Field("cvr", str, "Danish company number (CVR).", attr("cvr"), filterable=True),
        Field("legal_form", str, "Legal form code, empty when not given.", attr("legal_form")),
        Field("founded_year", int | None, "Year founded.", attr("founded_year")),
        Field("summary", str, "Short summary (at most 300 characters).", attr("summary")),
        Field("description", str, "Description as HTML.", lambda o, c: html(o.description)),
        Field(
            "social_purpose", str, "Who the enterprise employs or helps.", attr("social_purpose")
        ),
        Field(
            "target_groups",
            list[str],
            "Slugs of the target groups.",
            values(SUPPLIER_TARGET_GROUPS),
        ),
        Field("employees_total", int | None, "Employees in total.", attr("employees_total")),
        Field(
            "employees_special_terms",
            int | None,
            "Employees on special terms (e.g. flexjob) or from disadvantaged groups.",
            attr("employees_special_terms"),
        ),
        Field(
            "reserved_contract_eligible",
            bool,
            "Eligible for contracts reserved under the Public Procurement Act §20.",
            attr("reserved_contract_eligible"),
            filterable=True,
        ),
        Field(
            "rsv_verified",
            bool,
            "Registered social enterprise (RSV), verified by an editor.",
            lambda o, c: o.show_rsv_badge,
            filterable=True,
        ),
        Field("cpv_codes", list[str], "CPV codes of the competences.", values(SUPPLIER_CPV_CODES)),
        Field(
            "tags",
            list[str],
            "Free-text keywords.",
            lambda o, c: sorted(row[0] for row in SUPPLIER_TAGS.rows(o)),
        ),
        Field(
            "delivery_scope",
            str,
            "Where it delivers: municipalities, regions or national.",
            attr("delivery_scope"),
            filterable=True,
        ),
        Field(
            "delivery_municipalities",
            list[int],
            "Municipality codes delivered to (delivery_scope municipalities).",
            values(SUPPLIER_MUNICIPALITIES),
        ),
        Field(
            "delivery_regions",
            list[int],
            "Region codes delivered to (delivery_scope regions).",
            values(SUPPLIER_REGIONS),
        ),
        Field("address", str, "Street address.", attr("address")),
        Field("postcode", str, "Postcode.", attr("postcode")),
        Field("city", str, "Town.", attr("city")),
        Field(
            "municipality", int | None, "Code of the home municipality.", attr("municipality_id")
        ),
        Field("contact_name", str, "Contact person.", attr("contact_name")),
        Field("email", str, "Public contact e-mail.", attr("public_email")),
        Field("phone", str, "Public contact phone.", attr("phone")),
        Field("website", str, "Website.", attr("website")),
        Field("logo", str | None, "Logo image URL.", _logo),
        Field(
            "open_to_consortia",
            bool,
            "Open to bidding in a consortium.",
            attr("open_to_consortia"),
            filterable=True,
        ),
        Field(
            "open_to_subcontracting",
            bool,
            "Open to working as a subcontractor.",
            attr("open_to_subcontracting"),
            filterable=True,
        ),
        Field("contract_capacity", str, "Contract capacity band code.", attr("contract_capacity")),
        Field(
            "offerings",
            list[Offering],
            "Goods and services offered.",
            records(SUPPLIER_OFFERINGS, "title", "description", "cpv_code", "price_indication"),
        ),
        Field(
            "references",
            list[CustomerReference],
            "Customer references.",
            records(SUPPLIER_REFERENCES, "customer", "year", "delivered"),
        ),
        Field(
            "first_published_at",
            datetime.datetime | None,
            "When the profile was first published.",
            lambda o, c: iso(o.first_published_at),
        ),
        Field(
            "updated_at",
            datetime.datetime,
            "Last change of the public data; the order of updated_since.",
            lambda o, c: iso(o.updated_at),
        ),
    )
    lists = (
        SUPPLIER_CPV_CODES,
        SUPPLIER_TARGET_GROUPS,
        SUPPLIER_MUNICIPALITIES,
        SUPPLIER_REGIONS,
        SUPPLIER_TAGS,
        SUPPLIER_OFFERINGS,
        SUPPLIER_REFERENCES,
    )

    def queryset(self):
        return self.prefetch(SupplierProfile.objects.live())

    def prefetch(self, queryset):
        """With the search columns left out: a page sorts its rows whole."""
        search_columns = ("search_keywords", "search_document", "search_vector", "facet_keys")
        return (
            queryset.defer(*search_columns)
            .select_related("logo")
            .prefetch_related(*(listed.relation for listed in self.lists))
        )


# --- tenders -----------------------------------------------------------------------------


def _tender_url(obj, ctx):
    return f"{ctx.tender_plan_url}{obj.pk}/{obj.slug}/" if ctx.tender_plan_url else None


def _buyer(obj, ctx):
    o = obj.organisation
    return {"id": o.pk, "name": o.name, "kind": o.kind, "cvr": o.cvr, "website": o.website}


def _documents(obj, ctx):
    return [{"title": d.label, "url": ctx.absolute(d.document.url)} for d in obj.documents.all()]


class TenderRepresentation(Representation):
    name = "Tender"
    model = TenderPlanEntry
    fields = (
        Field("id", int, "Stable identifier.", attr("pk")),
        Field("title", str, "Title.", attr("title"), filterable=True),
        Field("url", str | None, "The public page of the entry.", _tender_url),
        Field("buyer", Buyer, "The buyer organisation.", _buyer),
        Field("summary", str, "One or two sentences.", attr("summary")),
        Field("description", str, "Description as HTML.", lambda o, c: html(o.description)),
        Field("procedure", str, "Procedure code.", attr("procedure"), filterable=True),
        Field(
            "reservation",
            str,
            "eForms reserved-procurement code.",
            attr("reservation"),
            filterable=True,
        ),
        Field("social_clauses", str, "Social clauses.", attr("social_clauses")),
        Field("cpv_codes", list[str], "CPV codes.", codes("cpv_codes")),
        Field(
            "delivery_municipalities",
            list[int],
            "Municipality codes; empty means the buyer's own area.",
            codes("delivery_municipalities"),
        ),
        Field("value_min", int | None, "Estimated value from (DKK).", attr("value_min")),
        Field("value_max", int | None, "Estimated value to (DKK).", attr("value_max")),
        Field(
            "expected_publication",
            datetime.date,
            "First day of the month the tender is expected to be published.",
            lambda o, c: iso(o.expected_publication),
        ),
        Field(
            "contract_start",
            datetime.date | None,
            "Expected contract start.",
            lambda o, c: iso(o.contract_start),
        ),
        Field(
            "contract_duration_months",
            int | None,
            "Contract duration in months.",
            attr("contract_duration_months"),
        ),
        Field(
            "interest_deadline",
            datetime.date | None,
            "Last day for expressions of interest.",
            lambda o, c: iso(o.interest_deadline),
        ),
        Field("contact_name", str, "Contact person.", attr("contact_name")),
        Field("contact_email", str, "Public contact e-mail of the entry.", attr("contact_email")),
        Field("contact_phone", str, "Public contact phone of the entry.", attr("contact_phone")),
        Field("notice_url", str, "Link to the published notice.", attr("notice_url")),
        Field(
            "status",
            str,
            "planned, published, awarded or cancelled.",
            attr("status"),
            filterable=True,
        ),
        Field(
            "published_on",
            datetime.date | None,
            "Tender published on.",
            lambda o, c: iso(o.published_on),
        ),
        Field("awarded_on", datetime.date | None, "Awarded on.", lambda o, c: iso(o.awarded_on)),
        Field(
            "cancelled_on", datetime.date | None, "Cancelled on.", lambda o, c: iso(o.cancelled_on)
        ),
        Field("documents", list[TenderDocument], "Attached documents.", _documents),
        Field(
            "first_published_at",
            datetime.datetime | None,
            "When the entry was first published.",
            lambda o, c: iso(o.first_published_at),
        ),
        Field(
            "updated_at",
            datetime.datetime,
            "Last change of the public data; the order of updated_since.",
            lambda o, c: iso(o.updated_at),
        ),
    )

    def queryset(self):
        return self.prefetch(TenderPlanEntry.objects.live())

    def prefetch(self, queryset):
        return queryset.select_related("organisation").prefetch_related(
            "cpv_codes",
            "delivery_municipalities",
            Prefetch(
                "documents",
                queryset=TenderPlanDocument.objects.select_related("document").order_by(
                    "sort_order"
                ),
            ),
        )


# --- events ------------------------------------------------------------------------------


def _organiser(obj, ctx):
    o = obj.organiser
    return {"id": o.pk, "name": o.name, "website": o.website}


class EventRepresentation(Representation):
    name = "Event"
    model = EventPage
    order_field = "last_published_at"
    fields = (
        Field("id", int, "Stable identifier (one per language version).", attr("pk")),
        Field("title", str, "Title.", attr("title"), filterable=True),
        Field("slug", str, "Last part of the web address.", attr("slug")),
        Field("url", str | None, "The public event page.", lambda o, c: o.get_full_url(c.request)),
        Field(
            "locale",
            str,
            "Language of this version (da or en).",
            lambda o, c: o.locale.language_code,
        ),
        Field("intro", str, "Introduction.", attr("intro")),
        Field(
            "event_type",
            str,
            "workshop, networking, webinar or market_dialogue.",
            attr("event_type"),
            filterable=True,
        ),
        Field("audience", str, "suppliers, buyers or everyone.", attr("audience"), filterable=True),
        Field("start", datetime.datetime, "Start.", lambda o, c: iso(o.start)),
        Field("end", datetime.datetime, "End.", lambda o, c: iso(o.end)),
        Field("venue_name", str, "Venue.", attr("venue_name")),
        Field("address", str, "Address.", attr("address")),
        Field(
            "municipality",
            int | None,
            "Code of the municipality it takes place in.",
            attr("municipality_id"),
        ),
        Field(
            "region",
            int | None,
            "Code of the region it takes place in.",
            lambda o, c: o.municipality.region_id if o.municipality_id else None,
        ),
        Field("online_url", str, "Online link.", attr("online_url")),
        Field("organiser", Organiser, "The organising partner.", _organiser),
        Field("registration_mode", str, "internal, external or none.", attr("registration_mode")),
        Field(
            "external_registration_url",
            str,
            "External registration link.",
            attr("external_registration_url"),
        ),
        Field(
            "registration_deadline",
            datetime.datetime | None,
            "Registration deadline.",
            lambda o, c: iso(o.registration_deadline),
        ),
        Field("capacity", int | None, "Number of seats; null for no limit.", attr("capacity")),
        Field(
            "first_published_at",
            datetime.datetime | None,
            "When the event was first published.",
            lambda o, c: iso(o.first_published_at),
        ),
        Field(
            "updated_at",
            datetime.datetime,
            "When it was last published; the order of updated_since.",
            lambda o, c: iso(o.last_published_at),
        ),
    )

    def queryset(self):
        return self.prefetch(EventPage.objects.live().public())

    def prefetch(self, queryset):
        return queryset.select_related("organiser", "municipality", "locale")


# --- reference data ----------------------------------------------------------------------


class CpvRepresentation(Representation):
    name = "CpvCode"
    model = CpvCode
    order_field = "code"
    fields = (
        Field("code", str, "8-digit CPV code.", attr("code")),
        Field("label_da", str, "Danish label.", attr("label_da")),
        Field("label_en", str, "English label.", attr("label_en")),
        Field(
            "level", int, "1 division, 2 group, 3 class, 4 category, 5 subcategory.", attr("level")
        ),
        Field("parent", str | None, "Code of the parent.", attr("parent_id")),
    )


class RegionRepresentation(Representation):
    name = "Region"
    model = Region
    order_field = "code"
    fields = (
        Field("code", int, "Region code.", attr("code")),
        Field("name", str, "Danish name.", attr("name")),
        Field("name_en", str, "English name.", attr("name_en")),
    )

    def queryset(self):
        return Region.objects.order_by("code")


class MunicipalityRepresentation(Representation):
    name = "Municipality"
    model = Municipality
    order_field = "code"
    fields = (
        Field("code", int, "Municipality code.", attr("code")),
        Field("name", str, "Name.", attr("name")),
        Field("region", int, "Region code.", attr("region_id")),
        Field("latitude", float, "Latitude of a point inside it.", lambda o, c: float(o.latitude)),
        Field(
            "longitude", float, "Longitude of a point inside it.", lambda o, c: float(o.longitude)
        ),
    )

    def queryset(self):
        return Municipality.objects.order_by("code")


class TargetGroupRepresentation(Representation):
    name = "TargetGroup"
    model = TargetGroup
    order_field = "slug"
    fields = (
        Field("slug", str, "Stable identifier, used by the target_group filter.", attr("slug")),
        Field("name", str, "Danish name.", attr("name")),
        Field(
            "name_en",
            str | None,
            "English name, when translated.",
            lambda o, c: getattr(o, "name_en", None),
        ),
        Field("description", str, "Description.", attr("description")),
    )

    def queryset(self):
        english = TargetGroup.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code="en"
        ).values("name")[:1]
        return (
            TargetGroup.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .annotate(name_en=Subquery(english))
            .order_by("slug")
        )


SUPPLIER = SupplierRepresentation()
TENDER = TenderRepresentation()
EVENT = EventRepresentation()
CPV = CpvRepresentation()
REGION = RegionRepresentation()
MUNICIPALITY = MunicipalityRepresentation()
TARGET_GROUP = TargetGroupRepresentation()
