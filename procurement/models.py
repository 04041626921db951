"""The tender plan (Udbudsplanen): buyer organisations, their planned purchases and interest."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from cms.pages import index_page_for
from cms.public import PublicUrlMixin
from cms.slugs import DANISH_LETTERS
from directory.forms import MunicipalitiesByRegion
from directory.models import CpvCode, Municipality, Region, SupplierProfile
from directory.validators import validate_cvr

from .admin_forms import TenderPlanEntryAdminForm

ENTRY_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class BuyerOrganisation(index.Indexed, models.Model):
    """A public buyer (ordregiver): a municipality, a region, a state body or another body."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        STATE = "state", _("State body")
        OTHER = "other", _("Other public body")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="buyer_organisation",
        help_text=_("For a municipality: which one."),
    )
    region = models.OneToOneField(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="buyer_organisation",
        help_text=_("For a region: which one."),
    )
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("The 8-digit Danish company number."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="buyer_organisations",
        help_text=_("Users who announce purchases and see interest for this organisation."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("cvr")]),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("members"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("buyer organisation")
        verbose_name_plural = _("buyer organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~models.Q(cvr=""),
                name="procurement_buyer_unique_cvr",
                violation_error_message=_("An organisation with this CVR number already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind == self.Kind.MUNICIPALITY and not self.municipality_id:
            raise ValidationError({"municipality": _("Choose the municipality.")})
        if self.kind == self.Kind.REGION and not self.region_id:
            raise ValidationError({"region": _("Choose the region.")})

    def covered_municipalities(self, all_municipalities):
        """The municipality codes this organisation buys for; None means the whole country."""
        if self.municipality_id:
            return {self.municipality_id}
        if self.region_id:
            return {m.code for m in all_municipalities if m.region_id == self.region_id}
        return None


class Procedure(models.TextChoices):
    EU_TENDER = "eu_tender", _("EU tender")
    NATIONAL_TENDER = "national_tender", _("National tender")
    BELOW_THRESHOLD = "below_threshold", _("Purchase below the threshold")
    DIRECT_AWARD = "direct_award", _("Direct award")
    MARKET_DIALOGUE = "market_dialogue", _("Market dialogue / request for information")


class Reservation(models.TextChoices):
    """The eForms code list ``reserved-procurement``."""

    NONE = "none", _("Not reserved")
    SHELTERED_WORKSHOPS = "res-ws", _("Reserved for sheltered workshops and social enterprises")
    PUBLIC_SERVICE = "res-pub-ser", _("Reserved for public-service-mission organisations")


RESERVATION_EXPLANATIONS = {
    Reservation.NONE: _("Every supplier may bid."),
    Reservation.SHELTERED_WORKSHOPS: _(
        "Only sheltered workshops and businesses whose main aim is the social and professional "
        "integration of disabled or disadvantaged people may bid, where at least 30% of the "
        "employees are such people (Public Procurement Act §20)."
    ),
    Reservation.PUBLIC_SERVICE: _(
        "Only organisations with a public-service mission in health, social or cultural "
        "services, owned by their employees or run for the common good, may bid (Public "
        "Procurement Act §191)."
    ),
}


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PUBLISHED = "published", _("Tender published")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (Status.PLANNED, Status.PUBLISHED)
STATUS_DATE_FIELDS = {
    Status.PUBLISHED: "published_on",
    Status.AWARDED: "awarded_on",
    Status.CANCELLED: "cancelled_on",
}


class TenderPlanEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_listing(self):
        return self.select_related("organisation").prefetch_related("cpv_codes")


class TenderPlanEntry(
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A purchase a public buyer plans: a tender, a small purchase or a market dialogue."""

    organisation = models.ForeignKey(
        BuyerOrganisation,
        verbose_name=_("buyer organisation"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in the list.")
    )
    description = RichTextField(_("description"), blank=True, features=ENTRY_RICH_TEXT_FEATURES)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.BELOW_THRESHOLD
    )
    reservation = models.CharField(
        _("reserved contract"),
        max_length=20,
        choices=Reservation.choices,
        default=Reservation.NONE,
        help_text=_("Whether only certain suppliers may bid (eForms “reserved procurement”)."),
    )
    social_clauses = models.TextField(
        _("social clauses"),
        blank=True,
        help_text=_("For example trainee, apprentice or job-training requirements."),
    )
    cpv_codes = ParentalManyToManyField(
        CpvCode, verbose_name=_("CPV codes"), related_name="tender_plan_entries"
    )
    delivery_municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("delivery municipalities"),
        blank=True,
        related_name="tender_plan_entries",
        help_text=_("Leave empty when the delivery is in the buyer's own area."),
    )
    value_min = models.PositiveBigIntegerField(
        _("estimated value from (DKK)"), null=True, blank=True
    )
    value_max = models.PositiveBigIntegerField(_("estimated value to (DKK)"), null=True, blank=True)
    expected_publication = models.DateField(
        _("expected publication"),
        help_text=_("The month you expect to publish the tender or ask for offers; any day in it."),
    )
    contract_start = models.DateField(_("expected contract start"), null=True, blank=True)
    contract_duration_months = models.PositiveSmallIntegerField(
        _("contract duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    interest_deadline = models.DateField(
        _("deadline for expressions of interest"),
        null=True,
        blank=True,
        help_text=_("Social enterprises can express interest until the end of this day."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    notice_url = models.URLField(
        _("link to the published notice"),
        blank=True,
        help_text=_("For example on udbud.dk or TED, once the tender is published."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    published_on = models.DateField(_("tender published on"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    match_terms = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="tenderplanentry")

    objects = TenderPlanEntryQuerySet.as_manager()
    base_form_class = TenderPlanEntryAdminForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation", widget=forms.Select),
                FieldPanel("title"),
                FieldPanel("summary"),
                FieldPanel("description"),
            ],
            heading=_("Purchase"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("procedure"), FieldPanel("reservation")]),
                FieldPanel("social_clauses"),
                FieldPanel("cpv_codes"),
                FieldPanel(
                    "delivery_municipalities",
                    widget=MunicipalitiesByRegion,
                    attrs={"data-controller": "delivery-area"},
                ),
            ],
            heading=_("Procedure and scope"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("Leave both empty when the value is not yet known.")),
                FieldRowPanel([FieldPanel("value_min"), FieldPanel("value_max")]),
            ],
            heading=_("Estimated value"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("expected_publication"),
                FieldRowPanel(
                    [FieldPanel("contract_start"), FieldPanel("contract_duration_months")]
                ),
                FieldPanel("interest_deadline"),
            ],
            heading=_("Time line"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("notice_url")],
            heading=_("Status"),
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]

    search_fields = [
        index.FilterField("id"),
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("social_clauses"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields(
            "cpv_codes", [index.SearchField("label_da"), index.SearchField("label_en")]
        ),
        index.FilterField("live"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["expected_publication", "pk"]
        verbose_name = _("tender plan entry")
        verbose_name_plural = _("tender plan entries")
        indexes = [
            # live entries in the list's order: a page reads its own rows, not a whole month
            models.Index(
                fields=["expected_publication", "id"],
                condition=models.Q(live=True),
                name="procurement_entry_live_order",
            ),
            # the facet counts read live entries from this index alone, not the wide table
            models.Index(
                fields=["status", "procedure", "reservation", "organisation"],
                include=["id", "value_min", "value_max", "expected_publication"],
                condition=models.Q(live=True),
                name="procurement_entry_facets",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def slug(self):
        return slugify(self.title.lower().translate(DANISH_LETTERS))[:80] or "udbud"

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.value_min is not None
            and self.value_max is not None
            and self.value_min > self.value_max
        ):
            errors["value_max"] = _(
                "The highest estimated value must be at least the lowest estimated value."
            )
        if self.expected_publication:
            self.expected_publication = self.expected_publication.replace(day=1)
            if self.contract_start and self.expected_publication > self.contract_start:
                errors["contract_start"] = _(
                    "The contract cannot start before the month the tender is expected to be "
                    "published."
                )
        if (
            self.interest_deadline
            and self.status in OPEN_STATUSES
            and self.interest_deadline < timezone.localdate()
            and self._deadline_changed()
        ):
            errors["interest_deadline"] = _("The deadline for expressions of interest has passed.")
        if errors:
            raise ValidationError(errors)

    def _deadline_changed(self):
        if self.pk is None:
            return True
        saved = type(self).objects.filter(pk=self.pk).values_list("interest_deadline", flat=True)
        return saved.first() != self.interest_deadline

    def save(self, *args, **kwargs):
        """A full save dates a new status; a partial save (``update_fields``, as Wagtail's for a
        draft revision of a live entry) writes only the fields named."""
        date_field = STATUS_DATE_FIELDS.get(self.status)
        if kwargs.get("update_fields") is None:
            if date_field and getattr(self, date_field) is None:
                setattr(self, date_field, timezone.localdate())
            self.match_terms = self.words_to_match()
        super().save(*args, **kwargs)

    def words_to_match(self):
        """The words profiles are matched on (title first), parsed as the directory search does."""
        from directory.search import word_queries

        text = " ".join([self.title, self.summary, strip_tags(self.description or "")])
        return [list(pair) for pair in word_queries(text)]

    # --- what the public pages show ---------------------------------------------------------

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def deadline_passed(self):
        return bool(self.interest_deadline and self.interest_deadline < timezone.localdate())

    @property
    def accepts_interest(self):
        return self.live and self.is_open and not self.deadline_passed

    @property
    def has_value(self):
        return self.value_min is not None or self.value_max is not None

    @property
    def value_estimate(self):
        """The single figure used for value filters and OCDS: the top of the range."""
        return self.value_max if self.value_max is not None else self.value_min

    @property
    def quarter(self):
        return (self.expected_publication.month - 1) // 3 + 1

    @property
    def quarter_label(self):
        return _("Q%(quarter)s %(year)s") % {
            "quarter": self.quarter,
            "year": self.expected_publication.year,
        }

    @property
    def contract_end(self):
        if not (self.contract_start and self.contract_duration_months):
            return None
        months = self.contract_start.month - 1 + self.contract_duration_months
        year = self.contract_start.year + months // 12
        return datetime.date(year, months % 12 + 1, 1) - datetime.timedelta(days=1)

    @property
    def reservation_explanation(self):
        return RESERVATION_EXPLANATIONS.get(self.reservation, "")

    @property
    def status_date(self):
        field = STATUS_DATE_FIELDS.get(self.status)
        return getattr(self, field) if field else None

    def get_url(self, request=None):
        page = index_page_for(TenderPlanIndexPage, request)
        if page is None:
            return None
        return f"{page.get_url(request)}{self.pk}/{self.slug}/"

    @property
    def url(self):
        return self.get_url()

    def get_preview_template(self, request, mode_name):
        return "procurement/tender_plan_entry.html"

    def get_preview_context(self, request, mode_name):
        from .views import entry_context

        return entry_context(request, self, page=None, preview=True)


class TenderPlanDocument(Orderable):
    """A document attached to a tender plan entry, such as a draft specification."""

    entry = ParentalKey(TenderPlanEntry, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Defaults to the document title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.title or self.document.title


class InterestExpressionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class InterestExpression(models.Model):
    """A social enterprise's "we are interested" in a tender plan entry, with its intended role."""

    class Role(models.TextChoices):
        MAIN_SUPPLIER = "main_supplier", _("Main supplier")
        CONSORTIUM_PARTNER = "consortium_partner", _("Consortium partner")
        SUBCONTRACTOR = "subcontractor", _("Subcontractor")
        MARKET_DIALOGUE = "market_dialogue", _("Market dialogue")

    entry = models.ForeignKey(
        TenderPlanEntry,
        verbose_name=_("tender plan entry"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    supplier = models.ForeignKey(
        SupplierProfile,
        verbose_name=_("social enterprise"),
        on_delete=models.CASCADE,
        related_name="tender_interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tender_interests",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    message = models.TextField(_("message to the buyer"), max_length=2000, blank=True)
    visible_to_others = models.BooleanField(
        _("visible to other interested social enterprises"),
        default=False,
        help_text=_(
            "Other interested social enterprises that also agree can see our name, profile and "
            "role, so we can form a consortium."
        ),
    )
    shown_publicly = models.BooleanField(
        _("shown on the buyer's public page"),
        default=False,
        help_text=_(
            "Everyone can see our name among the social enterprises interested in the "
            "buyer's purchases. Otherwise only the number of interested enterprises is shown."
        ),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InterestExpressionQuerySet.as_manager()

    panels = [
        FieldPanel("role"),
        FieldPanel("message"),
        FieldPanel("visible_to_others"),
        FieldPanel("shown_publicly"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "supplier"],
                name="procurement_one_interest_per_supplier",
                violation_error_message=_(
                    "This social enterprise has already expressed interest in this purchase."
                ),
            )
        ]

    def __str__(self):
        return f"{self.supplier} → {self.entry}"

    @property
    def is_active(self):
        return self.withdrawn_at is None

    @property
    def status_label(self):
        return _("Withdrawn") if self.withdrawn_at else _("Active")


class BuyerSignupRequest(models.Model):
    """The organisation a buyer chose when signing up, applied when an editor approves them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buyer_signup_request"
    )
    organisation = models.ForeignKey(
        BuyerOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    other_name = models.CharField(_("name of the public body"), max_length=200, blank=True)
    other_cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("buyer sign-up request")
        verbose_name_plural = _("buyer sign-up requests")

    def __str__(self):
        return self.organisation.name if self.organisation_id else self.other_name


class TenderPlanIndexPage(PublicUrlMixin, RoutablePageMixin, Page):
    """The public tender plan at /udbudsplan/: planned purchases, their detail pages and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tender plan")

    @path("")
    def index_view(self, request):
        from .views import tender_plan_index

        return tender_plan_index(request, self)

    @path("feed/", name="feed")
    def feed_view(self, request):
        from .feeds import TenderPlanFeed

        return TenderPlanFeed(self)(request)

    @path("ocds.json/", name="ocds")
    def ocds_view(self, request):
        from .ocds import ocds_response

        return ocds_response(request, self)

    @re_path(r"^(?P<entry_id>\d{1,18})/(?:(?P<slug>[-\w]*)/)?$", name="entry")
    def entry_view(self, request, entry_id, slug=None):
        from .views import tender_plan_entry

        return tender_plan_entry(request, self, int(entry_id), slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        entries = TenderPlanEntry.objects.live().order_by("pk").only("pk", "title", "updated_at")
        urls += [{"location": f"{base}{e.pk}/{e.slug}/", "lastmod": e.updated_at} for e in entries]
        return urls


class MarketDialogueInvitation(models.Model):
    """A buyer's invitation of a SØV to market dialogue about an entry: one per SØV and entry."""

    entry = models.ForeignKey(
        TenderPlanEntry,
        verbose_name=_("tender plan entry"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    supplier = models.ForeignKey(
        SupplierProfile,
        verbose_name=_("social enterprise"),
        on_delete=models.CASCADE,
        related_name="dialogue_invitations",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation to market dialogue")
        verbose_name_plural = _("invitations to market dialogue")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "supplier"], name="procurement_one_invitation_per_supplier"
            )
        ]

    def __str__(self):
        return f"{self.entry} → {self.supplier}"


class AlertSetting(models.Model):
    """How often a SØV user hears of new tender plan entries that match their profile."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        OFF = "off", _("Off")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tender_alert_setting"
    )
    frequency = models.CharField(
        _("e-mail about matching tenders"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )

    class Meta:
        verbose_name = _("tender alert setting")
        verbose_name_plural = _("tender alert settings")

    def __str__(self):
        return f"{self.user} ({self.get_frequency_display()})"


class AlertDelivery(models.Model):
    """One entry to tell one user about (once per deadline): queued, then sent exactly once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tender_alerts"
    )
    entry = models.ForeignKey(TenderPlanEntry, on_delete=models.CASCADE, related_name="alerts")
    deadline_key = models.CharField(max_length=10, blank=True)
    match = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("tender alert")
        verbose_name_plural = _("tender alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entry", "deadline_key"], name="procurement_one_alert_per_entry"
            )
        ]

    def __str__(self):
        return f"{self.entry} → {self.user}"


class SavedSearch(models.Model):
    """A directory or tender plan search someone asked to hear about by e-mail (double opt-in)."""

    class Kind(models.TextChoices):
        DIRECTORY = "directory", _("Social enterprises")
        TENDER_PLAN = "tender_plan", _("Tender plan")

    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    query = models.CharField(_("search"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind", "query"], name="procurement_one_saved_search_per_query"
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.get_kind_display()} ?{self.query}"


class SavedSearchResult(models.Model):
    """A result a saved search has already announced (or had when it was confirmed)."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="results")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["search", "object_id"], name="procurement_one_announcement_per_result"
            )
        ]

    def __str__(self):
        return f"{self.search_id}: {self.object_id}"
