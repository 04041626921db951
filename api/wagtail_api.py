"""Wagtail's API v2 at /api/cms/v2/: pages, images, documents, suppliers, tenders and events.

Images and documents are only those that live, public content uses (see ``used_by_live_content``).
The supplier, tender and event endpoints serialise through the same representations as
/api/v1/, with Wagtail's v2 conventions (``fields``, ``limit``/``offset``, ``order``, field
filters) plus the directory's and tender plan's own filters.
"""

from rest_framework import serializers

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import reverse

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, get_full_url, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from directory.models import SupplierProfile
from procurement.models import TenderPlanEntry

from .representations import EVENT, SUPPLIER, TENDER, Context


def used_by_live_content(model):
    """Ids of the images or documents that a visitor can already see: those that a live public
    page, a live supplier profile or a live tender plan entry refers to, according to Wagtail's
    reference index (which records each object's saved row, not its drafts)."""
    public_content = Q(pk__in=[])
    for queryset in (
        Page.objects.live().public(),
        SupplierProfile.objects.filter(live=True),
        TenderPlanEntry.objects.filter(live=True),
    ):
        public_content |= Q(
            base_content_type=ContentType.objects.get_for_model(queryset.model),
            object_id__in=queryset.annotate(key=Cast("pk", CharField())).values("key"),
        )
    return (
        ReferenceIndex.objects.filter(
            public_content, to_content_type=ContentType.objects.get_for_model(model)
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=used_by_live_content(self.model))


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=used_by_live_content(self.model))


class RepresentationSerializer(serializers.BaseSerializer):
    """Writes an object as its shared public representation, limited to the chosen fields."""

    representation = None
    field_names = ()
    endpoint = ""

    def to_representation(self, instance):
        request = self.context["request"]
        context = getattr(request, "_api_context", None)
        if context is None:
            context = request._api_context = Context(request)
        data = self.representation.represent(instance, context)
        model = type(instance)
        out = {
            "id": instance.pk,
            "meta": {
                "type": f"{model._meta.app_label}.{model.__name__}",
                "detail_url": get_full_url(
                    request,
                    reverse(
                        f"{self.context['router'].url_namespace}:{self.endpoint}:detail",
                        args=(instance.pk,),
                    ),
                ),
            },
        }
        out.update({name: data[name] for name in self.field_names if name in data})
        return out


class DomainFilter:
    """The public page's own search and filters, read from the query string."""

    def filter_queryset(self, request, queryset, view):
        params = {key: request.GET.getlist(key) for key in view.domain_parameters}
        if not any(params.values()):
            return queryset
        data = QueryDict(mutable=True)
        for key, values in params.items():
            data.setlist(view.domain_parameters[key], values)
        query = view.query_class.from_querydict(data).validated()
        if hasattr(query, "statuses") and not query.status:
            matches = query.filtered(skip=("status",))  # tenders of any status, as in /api/v1/
        else:
            matches = query.filtered()
        return queryset.filter(pk__in=matches.values("pk"))


class SearchLocaleFilter:
    """Wagtail's `search` (the public page's full-text search) and `locale` (content language)."""

    def filter_queryset(self, request, queryset, view):
        locale = request.GET.get("locale")
        if locale is not None:
            languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
            if locale not in languages:
                raise BadRequestError(f"locale must be one of: {', '.join(languages)}")
            if view.localized:
                queryset = queryset.filter(locale__language_code=locale)
            elif locale != settings.LANGUAGE_CODE:
                queryset = queryset.none()  # written in Danish only
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = " ".join(request.GET.get("search", "").split())
        if not terms:
            return queryset
        if view.query_class is None:
            found = queryset.model.objects.live().search(terms, operator=operator)
            return queryset.filter(pk__in=[page.pk for page in found])
        data = QueryDict(mutable=True)
        data["q"] = terms
        query = view.query_class.from_querydict(data).validated()
        matches = (
            query.filtered(skip=("status",)) if hasattr(query, "statuses") else query.filtered()
        )
        return queryset.filter(pk__in=matches.values("pk"))


class RepresentationAPIViewSet(BaseAPIViewSet):
    """A Wagtail v2 endpoint for live objects of one shared representation."""

    representation = None
    query_class = None
    domain_parameters = {}
    filter_backends = [FieldsFilter, OrderingFilter, DomainFilter, SearchLocaleFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    localized = False
    summary_fields = ()

    @classmethod
    def body_field_names(cls):
        return [name for name in cls.representation.field_names if name != "id"]

    @classmethod
    def get_body_fields_names(cls, model):
        return ["id", *cls.body_field_names()]

    @classmethod
    def get_meta_fields_names(cls, model):
        return ["type", "detail_url"]

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            hidden = {*cls.domain_parameters, "url", "description"}
            fields = [name for name in fields if name not in hidden]
        return fields

    def check_query_parameters(self, queryset):
        self.known_query_parameters = self.known_query_parameters | set(self.domain_parameters)
        super().check_query_parameters(queryset)

    def get_queryset(self):
        return self.representation.queryset().order_by("pk")

    def get_serializer_class(self):
        show_details = self.action != "listing_view"
        fields = {"id", *self.body_field_names()} if show_details else set(self.summary_fields)
        config = []
        if "fields" in self.request.GET:
            try:
                config = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise BadRequestError(f"fields error: {error}") from error
        available = {"id", *self.body_field_names(), "type", "detail_url"}
        if config and config[0][0] == "*":
            fields, config = set(available), config[1:]
        elif config and config[0][0] == "_":
            fields, config = set(), config[1:]
        for name, negated, sub_fields in config:
            if name not in available:
                raise BadRequestError(f"unknown fields: {name}")
            if sub_fields:
                raise BadRequestError(f"'{name}' does not support nested fields")
            if negated:
                fields.discard(name)
            else:
                fields.add(name)
        ordered = [name for name in self.representation.field_names if name in fields]
        return type(
            f"{self.representation.name}V2Serializer",
            (RepresentationSerializer,),
            {
                "representation": self.representation,
                "field_names": ordered,
                "endpoint": self.endpoint_name,
            },
        )


class SuppliersAPIViewSet(RepresentationAPIViewSet):
    name = endpoint_name = "suppliers"
    model = SUPPLIER.model
    representation = SUPPLIER
    summary_fields = ("id", "name", "slug", "url", "summary", "updated_at")
    domain_parameters = {
        "q": "q",
        "cpv": "cpv",
        "delivers_to_municipality": "municipality",
        "delivers_to_region": "region",
        "target_group": "target_group",
        "tag": "tag",
    }

    @property
    def query_class(self):
        from directory.queries import DirectoryQuery

        return DirectoryQuery


class TendersAPIViewSet(RepresentationAPIViewSet):
    name = endpoint_name = "tenders"
    model = TENDER.model
    representation = TENDER
    summary_fields = ("id", "title", "url", "buyer", "status", "expected_publication", "updated_at")
    domain_parameters = {
        "q": "q",
        "cpv": "cpv",
        "buyer": "organisation",
        "delivers_to_municipality": "municipality",
        "delivers_to_region": "region",
    }

    @property
    def query_class(self):
        from procurement.queries import TenderPlanQuery

        return TenderPlanQuery


class EventsAPIViewSet(RepresentationAPIViewSet):
    name = endpoint_name = "events"
    model = EVENT.model
    representation = EVENT
    filter_backends = [FieldsFilter, OrderingFilter, SearchLocaleFilter]
    query_class = None
    localized = True
    summary_fields = ("id", "title", "url", "locale", "start", "end", "updated_at")


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)
router.register_endpoint("suppliers", SuppliersAPIViewSet)
router.register_endpoint("tenders", TendersAPIViewSet)
router.register_endpoint("events", EventsAPIViewSet)
