"""The supplier directory (Leverandørlisten): reference data, profiles and the index page."""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.pages import index_page_for
from cms.public import PublicUrlMixin
from cms.site_cache import site_cached

from .forms import CpvPickerInput, MunicipalitiesByRegion, SupplierProfileAdminForm
from .panels import PermissionFieldPanel
from .validators import validate_cvr, validate_phone

PROFILE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
RESERVED_CONTRACT_SHARE = 0.3
IMPACT_FIELDS = (
    "impact_jobs_special_terms",
    "impact_trainees",
    "impact_into_work",
    "impact_people_reached",
)


class CpvCode(models.Model):
    """A code of the EU Common Procurement Vocabulary (CPV 2008), placed in its hierarchy."""

    class Level(models.IntegerChoices):
        DIVISION = 1, _("division")
        GROUP = 2, _("group")
        CLASS = 3, _("class")
        CATEGORY = 4, _("category")
        SUBCATEGORY = 5, _("subcategory")

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    label_da = models.CharField(_("Danish label"), max_length=255)
    label_en = models.CharField(_("English label"), max_length=255)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def label(self):
        """The label in the active language (Danish unless English is active)."""
        return (
            self.label_en
            if (get_language() or settings.LANGUAGE_CODE).startswith("en")
            else self.label_da
        )


class Region(models.Model):
    """One of the five Danish regions."""

    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return (
            self.name_en
            if (get_language() or settings.LANGUAGE_CODE).startswith("en")
            else self.name
        )


class Municipality(models.Model):
    """One of the 98 Danish municipalities (kommuner), with a map point inside it."""

    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=10, decimal_places=7)
    longitude = models.DecimalField(_("longitude"), max_digits=10, decimal_places=7)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class TargetGroup(TranslatableMixin, models.Model):
    """A group of people a social enterprise employs or serves, such as people with disabilities."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        help_text=_("Stable identifier used in links and imports; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .facets import refresh_facet_keys

        refresh_facet_keys(self.profiles.values_list("pk", flat=True))  # the slug is in the keys


def localized_target_groups():
    """{translation_key: group} for the target groups in the active language (shared until a
    target group or page changes)."""
    locale = Locale.get_active()
    return site_cached(
        f"target-groups:{locale.pk}",
        lambda: {
            group.translation_key: group for group in TargetGroup.objects.filter(locale=locale)
        },
    )


def default_locale_q():
    """Profiles link to target groups in the default language; pages show their translations."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class SupplierTag(TaggedItemBase):
    """A free-text keyword on a supplier profile."""

    content_object = ParentalKey(
        "directory.SupplierProfile", on_delete=models.CASCADE, related_name="tagged_items"
    )


# What a profile's derived data are computed from (a partial save naming one recomputes them).
SEARCH_SOURCES = frozenset(
    {"name", "summary", "description", "social_purpose", "city", "municipality"}
    | {"cpv_codes", "tags", "offerings"}
)
FACET_SOURCES = frozenset(
    {"cpv_codes", "tags", "target_groups", "delivery_regions", "delivery_municipalities"}
    | {"delivery_scope", "rsv_verified", "reserved_contract_eligible", "open_to_consortia"}
)
RESERVED_SOURCES = frozenset(
    {"reserved_contract_claim", "employees_total", "employees_special_terms"}
)


class SupplierProfileQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class SupplierProfile(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A social enterprise's (SØV's) public profile in the supplier directory."""

    class LegalForm(models.TextChoices):
        APS = "aps", _("Private limited company (ApS)")
        AS = "as", _("Public limited company (A/S)")
        IVS = "ivs", _("Entrepreneurial company (IVS)")
        SMBA = "smba", _("Limited liability company (S.M.B.A.)")
        COOPERATIVE = "amba", _("Cooperative (A.M.B.A.)")
        FOUNDATION = "fond", _("Commercial foundation")
        ASSOCIATION = "forening", _("Association")
        SELF_GOVERNING = "selvejende", _("Self-governing institution")
        SOLE_PROPRIETOR = "enkelt", _("Sole proprietorship")
        PARTNERSHIP = "is", _("Partnership (I/S)")
        OTHER = "andet", _("Other")

    class DeliveryScope(models.TextChoices):
        MUNICIPALITIES = "municipalities", _("Selected municipalities")
        REGIONS = "regions", _("Whole regions")
        NATIONAL = "national", _("The whole country")

    class ContractCapacity(models.TextChoices):
        XS = "xs", _("Up to DKK 100,000 a year")
        S = "s", _("DKK 100,000 to 500,000 a year")
        M = "m", _("DKK 500,000 to 2 million a year")
        L = "l", _("DKK 2 to 10 million a year")
        XL = "xl", _("More than DKK 10 million a year")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the profile's web address."),
    )
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        unique=True,
        validators=[validate_cvr],
        help_text=_("The 8-digit Danish company number."),
        error_messages={"unique": _("A profile with this CVR number already exists.")},
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    summary = models.CharField(
        _("short summary"),
        max_length=300,
        help_text=_("At most 300 characters, shown in search results."),
    )
    description = RichTextField(_("description"), blank=True, features=PROFILE_RICH_TEXT_FEATURES)
    social_purpose = models.TextField(
        _("social purpose"),
        blank=True,
        help_text=_("Who you employ or help, and how."),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="profiles",
        limit_choices_to=default_locale_q,
    )
    employees_total = models.PositiveIntegerField(_("employees in total"), null=True, blank=True)
    employees_special_terms = models.PositiveIntegerField(
        _("employees on special terms"),
        null=True,
        blank=True,
        help_text=_("Employed on special terms (e.g. flexjob) or from disadvantaged groups."),
    )
    reserved_contract_claim = models.BooleanField(
        _("eligible for reserved contracts"),
        default=False,
        help_text=_(
            "Our main aim is the social and professional integration of disabled or "
            "disadvantaged persons, and at least 30% of our employees are such persons "
            "(Public Procurement Act §20)."
        ),
    )
    reserved_contract_eligible = models.BooleanField(
        _("reserved-contract eligible"),
        default=False,
        editable=False,
        db_index=True,
        help_text=_("Set from the claim and the employee figures."),
    )
    rsv_claimed = models.BooleanField(
        _("registered social enterprise (RSV)"),
        default=False,
        help_text=_("Registered with the Danish Business Authority as a social enterprise."),
    )
    rsv_verified = models.BooleanField(
        _("RSV verified"),
        default=False,
        db_index=True,
        help_text=_("Set by an editor after checking the register; shows the public badge."),
    )
    cpv_codes = ParentalManyToManyField(
        CpvCode,
        verbose_name=_("competences (CPV codes)"),
        blank=True,
        help_text=_("8-digit CPV codes separated by commas, e.g. 90911200, 55520000."),
        related_name="supplier_profiles",
    )
    tags = ClusterTaggableManager(through=SupplierTag, blank=True, verbose_name=_("tags"))
    delivery_scope = models.CharField(
        _("delivery area"),
        max_length=20,
        choices=DeliveryScope.choices,
        default=DeliveryScope.MUNICIPALITIES,
        db_index=True,
    )
    delivery_municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("delivers to municipalities"),
        blank=True,
        related_name="delivering_profiles",
    )
    delivery_regions = ParentalManyToManyField(
        Region,
        verbose_name=_("delivers to regions"),
        blank=True,
        related_name="delivering_profiles",
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Enter a 4-digit Danish postcode."))],
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_public = models.BooleanField(
        _("show the e-mail address publicly"),
        default=True,
        help_text=_(
            "Untick to keep the address off your public page, the lists and the API; visitors "
            "can still write to you through the contact form on your profile."
        ),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Give the image a description: it is the logo's alternative text."),
    )
    impact_year = models.PositiveSmallIntegerField(
        _("year of the impact figures"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the figures below cover, e.g. last year."),
    )
    impact_jobs_special_terms = models.PositiveIntegerField(
        _("people in jobs on special terms"),
        null=True,
        blank=True,
        help_text=_("People employed on special terms (e.g. flexjob) at some point in the year."),
    )
    impact_trainees = models.PositiveIntegerField(
        _("trainees and people in job training"),
        null=True,
        blank=True,
        help_text=_("Apprentices, trainees and people in work placements during the year."),
    )
    impact_into_work = models.PositiveIntegerField(
        _("moved on to ordinary work or education"),
        null=True,
        blank=True,
        help_text=_("People who left you for an ordinary job or an education during the year."),
    )
    impact_people_reached = models.PositiveIntegerField(
        _("people from the target groups reached"),
        null=True,
        blank=True,
        help_text=_("Everyone from your target groups you employed, trained or helped."),
    )
    impact_public = models.BooleanField(
        _("show our impact figures publicly"),
        default=False,
        help_text=_(
            "Only when ticked are the figures shown on your profile and counted in the "
            "platform's public statistics."
        ),
    )
    open_to_consortia = models.BooleanField(_("open to consortia"), default=False)
    open_to_subcontracting = models.BooleanField(_("open to subcontracting"), default=False)
    contract_capacity = models.CharField(
        _("contract capacity"), max_length=2, choices=ContractCapacity.choices, blank=True
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owners"),
        blank=True,
        related_name="supplier_profiles",
    )
    search_keywords = models.TextField(_("search keywords"), blank=True, editable=False)
    search_document = models.TextField(_("search document"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    facet_keys = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="supplierprofile")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="supplierprofile",
        for_concrete_model=False,
    )

    objects = SupplierProfileQuerySet.as_manager()
    base_form_class = SupplierProfileAdminForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel(
                    [
                        PermissionFieldPanel(
                            "cvr",
                            permission="directory.change_cvr_supplierprofile",
                            read_only_help_text=_("Only the editors can change the CVR number."),
                        ),
                        FieldPanel("legal_form"),
                    ]
                ),
                FieldPanel("founded_year"),
                FieldPanel("logo"),
            ],
            heading=_("Enterprise"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("description"),
                FieldPanel("social_purpose"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("employees_total"), FieldPanel("employees_special_terms")]
                ),
                FieldPanel("reserved_contract_claim"),
                FieldPanel("rsv_claimed"),
                FieldPanel("rsv_verified", permission="directory.verify_supplierprofile"),
            ],
            heading=_("Employees and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("impact_year"),
                FieldRowPanel(
                    [FieldPanel("impact_jobs_special_terms"), FieldPanel("impact_trainees")]
                ),
                FieldRowPanel(
                    [FieldPanel("impact_into_work"), FieldPanel("impact_people_reached")]
                ),
                FieldPanel("impact_public"),
            ],
            heading=_("Social impact"),
        ),
        MultiFieldPanel(
            [FieldPanel("cpv_codes", widget=CpvPickerInput), FieldPanel("tags")],
            heading=_("Competences"),
        ),
        InlinePanel("offerings", heading=_("Goods and services"), label=_("Offering")),
        MultiFieldPanel(
            [
                FieldPanel(
                    "delivery_scope",
                    widget=forms.Select(
                        attrs={
                            "data-delivery-area-target": "scope",
                            "data-action": "delivery-area#show",
                        }
                    ),
                ),
                FieldPanel(
                    "delivery_municipalities",
                    widget=MunicipalitiesByRegion,
                    attrs={"data-delivery-area-target": "municipalities"},
                ),
                FieldPanel(
                    "delivery_regions",
                    widget=forms.CheckboxSelectMultiple,
                    attrs={"data-delivery-area-target": "regions"},
                ),
                FieldRowPanel(
                    [FieldPanel("open_to_consortia"), FieldPanel("open_to_subcontracting")]
                ),
                FieldPanel("contract_capacity"),
            ],
            heading=_("Delivery"),
            attrs={"data-controller": "delivery-area"},
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("municipality"),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("email_public"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("references", heading=_("References"), label=_("Reference")),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.SearchField("search_keywords"),
        index.SearchField("search_document"),
        index.SearchField("cvr"),
        index.FilterField("id"),
        index.FilterField("cvr"),
        index.FilterField("live"),
        index.FilterField("rsv_verified"),
        index.FilterField("reserved_contract_eligible"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier profile")
        verbose_name_plural = _("supplier profiles")
        permissions = [
            ("verify_supplierprofile", _("Can mark a profile as RSV verified")),
            ("change_cvr_supplierprofile", _("Can change the CVR number of a profile")),
        ]
        indexes = [
            models.Index(fields=["live", "name"], name="directory_profile_live_name"),
        ]  # and on PostgreSQL "newest" in the directory's order (migration 0014)

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        errors = {}
        total, special = self.employees_total, self.employees_special_terms
        if total is not None and special is not None and special > total:
            errors["employees_special_terms"] = _(
                "Employees on special terms cannot outnumber the employees in total."
            )
        elif self.reserved_contract_claim and not self.meets_reserved_share(total, special):
            errors["reserved_contract_claim"] = _(
                "A reserved contract needs at least 30 percent of the employees on special "
                "terms; fill in both employee figures so they show it."
            )
        if self.impact_figures and self.impact_year is None:
            errors["impact_year"] = _("Give the year the impact figures cover.")
        elif self.impact_public and not self.impact_figures:
            errors["impact_public"] = _(
                "Fill in at least one impact figure, or leave the box unticked."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def impact_figures(self):
        """The impact figures filled in, as (field name, value) pairs."""
        return [
            (name, getattr(self, name)) for name in IMPACT_FIELDS if getattr(self, name) is not None
        ]

    @staticmethod
    def meets_reserved_share(total, special):
        return bool(total) and special is not None and special >= RESERVED_CONTRACT_SHARE * total

    @property
    def special_terms_percent(self):
        if not self.employees_total or self.employees_special_terms is None:
            return None
        return round(100 * self.employees_special_terms / self.employees_total)

    @property
    def public_email(self):
        """The e-mail address the public may see (empty when the SØV keeps it off its page)."""
        return self.email if self.email_public else ""

    @property
    def show_rsv_badge(self):
        return self.rsv_claimed and self.rsv_verified

    def save(self, *args, **kwargs):
        """Write the row and recompute what is derived from the fields written: the reserved
        contract flag, the search text, the search vector and the facet keys.

        The search text is computed before the write, so the search index, updated once by the
        search app's ``post_save``, sees it. A partial save (``update_fields``) recomputes only
        what depends on the fields named: Wagtail names only bookkeeping fields when it points a
        live profile at a new draft revision, whose unmoderated content must not reach the
        derived public data. A changed slug is remembered either way, so the old address
        redirects.
        """
        from .facets import refresh_facet_keys
        from .search import documents_for, refresh_search_vector

        named = kwargs.get("update_fields")
        if named is None or "slug" in named:
            self._remember_slug()
        changed = lambda sources: named is None or not sources.isdisjoint(named)  # noqa: E731
        derived = []
        if changed(RESERVED_SOURCES):
            self.reserved_contract_eligible = self.reserved_contract_claim and (
                self.meets_reserved_share(self.employees_total, self.employees_special_terms)
            )
            derived.append("reserved_contract_eligible")
        if changed(SEARCH_SOURCES):
            self.search_keywords, self.search_document = documents_for(self)
            derived += ["search_keywords", "search_document"]
        if derived or changed(FACET_SOURCES):
            derived.append("updated_at")  # the public data changed: API sync and facet cache
        if named is not None:
            kwargs["update_fields"] = list(dict.fromkeys([*named, *derived]))
        super().save(*args, **kwargs)
        if changed(SEARCH_SOURCES):
            refresh_search_vector(self)
        if changed(FACET_SOURCES | RESERVED_SOURCES):
            refresh_facet_keys([self.pk])

    def _remember_slug(self):
        if self.pk is None:
            return
        old = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old in (None, self.slug):
            return
        FormerSlug.objects.filter(slug=self.slug).delete()
        FormerSlug.objects.update_or_create(slug=old, defaults={"profile_id": self.pk})

    def get_url(self, request=None):
        page = index_page_for(DirectoryIndexPage, request)
        if page is None:
            return None
        return page.get_url(request) + self.slug + "/"

    @property
    def url(self):
        return self.get_url()

    def get_preview_template(self, request, mode_name):
        return "directory/supplier_profile.html"

    def get_preview_context(self, request, mode_name):
        from .views import profile_context

        return profile_context(request, self, page=None)


class FormerSlug(models.Model):
    """A slug a profile had before, so its old address redirects to the current one."""

    profile = models.ForeignKey(
        SupplierProfile,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="former_slugs",
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug


class ContactMessage(models.Model):
    """A message a visitor sent a SØV through the contact form on its profile page."""

    profile = models.ForeignKey(
        SupplierProfile,
        verbose_name=_("supplier profile"),
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return self.subject


class SupplierOffering(Orderable):
    """One of the goods or services a supplier offers."""

    profile = ParentalKey(SupplierProfile, on_delete=models.CASCADE, related_name="offerings")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cpv_code = models.ForeignKey(
        CpvCode,
        verbose_name=_("CPV code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    price_indication = models.CharField(
        _("price indication"),
        max_length=200,
        blank=True,
        help_text=_("For example “from DKK 450 per hour” or “by agreement”."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("cpv_code", widget=CpvPickerInput(multiple=False, suggest_from="cpv_codes")),
        FieldPanel("price_indication"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def __str__(self):
        return self.title


class SupplierReference(Orderable):
    """A customer a supplier has delivered to."""

    profile = ParentalKey(SupplierProfile, on_delete=models.CASCADE, related_name="references")
    customer = models.CharField(_("customer"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    delivered = models.TextField(_("what was delivered"))

    panels = [FieldPanel("customer"), FieldPanel("year"), FieldPanel("delivered")]

    class Meta(Orderable.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return self.customer


class DirectoryIndexPage(PublicUrlMixin, RoutablePageMixin, Page):
    """The public, searchable list of social enterprises at /leverandoerer/."""

    intro = models.TextField(_("introduction"), blank=True)
    empty_help = RichTextField(
        _("help when nothing is found"),
        blank=True,
        features=PROFILE_RICH_TEXT_FEATURES,
        help_text=_("Shown below an empty search result, e.g. how to contact the secretariat."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("empty_help")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("supplier directory")

    @path("")
    def search_view(self, request):
        from .views import directory_index

        return directory_index(request, self)

    @path("forslag/", name="suggest")
    def suggest_view(self, request):
        from .views import suggest

        return suggest(request, self)

    @path("<slug:slug>/", name="profile")
    def profile_view(self, request, slug):
        from .views import directory_profile

        return directory_profile(request, self, slug)

    @path("<slug:slug>/kontakt/", name="contact")
    def contact_view(self, request, slug):
        from .contact import contact

        return contact(request, self, slug)

    @path("<slug:slug>/kontakt/sendt/", name="contact_sent")
    def contact_sent_view(self, request, slug):
        from .contact import contact_sent

        return contact_sent(request, self, slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        profiles = SupplierProfile.objects.live().order_by("pk").values_list("slug", "updated_at")
        urls += [{"location": f"{base}{slug}/", "lastmod": updated} for slug, updated in profiles]
        return urls


class SearchTerm(models.Model):
    """A word stem of the search index and in how many profiles it occurs (derived data).

    The search looks up typos here by trigram similarity and weighs rare words above common ones.
    The row with the empty lexeme counts the profiles. Rebuilt by ``search.rebuild_vocabulary``.
    """

    lexeme = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.lexeme


class RealField(models.FloatField):
    """A single-precision float on PostgreSQL (``real``, as ``ts_rank`` computes)."""

    def db_type(self, connection):
        return "real" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchPosting(models.Model):
    """A stem of a profile's search vector and what it adds to ``ts_rank`` for a query word
    matching it (derived data, PostgreSQL only; written by ``search.refresh_postings``).

    The ranked search sums these instead of reading every match's vector.
    """

    pk = models.CompositePrimaryKey("profile_id", "lexeme")
    profile = models.ForeignKey(
        SupplierProfile, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    lexeme = models.TextField()
    score = RealField()

    def __str__(self):
        return self.lexeme


class SearchPostingBlock(models.Model):
    """The postings of one stem for the profiles of one block of 256 ids in a row, packed: each
    posting as its profile id (8 bytes) and score (4), big-endian (derived data, PostgreSQL
    only: a trigger on ``SearchPosting``, migration ``0015_search_posting_blocks``, rewrites the
    blocks each statement changes).

    The ranked search reads a few hundred of these instead of thousands of postings.
    """

    pk = models.CompositePrimaryKey("lexeme", "block")
    lexeme = models.TextField()  # in byte order on PostgreSQL (COLLATE "C"), as the postings
    block = models.IntegerField()
    postings = models.BinaryField()

    def __str__(self):
        return f"{self.lexeme} {self.block}"


class SearchPhrase(models.Model):
    """A synonym of several words (as a tsquery text) whose matches are postings of their own:
    a posting with the phrase as its lexeme for each profile whose vector has every word
    (derived data, PostgreSQL only; written by ``search.rebuild_phrases``)."""

    text = models.TextField(primary_key=True)

    def __str__(self):
        return self.text
