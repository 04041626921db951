"""Networking workshops and partner events, the partners behind them and registrations."""

from rest_framework.fields import CharField

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import BodyBlock
from cms.public import PublicUrlMixin

from .admin_forms import EventPageForm


class Partner(index.Indexed, models.Model):
    """An organisation that announces events on the platform, with the users who act for it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), max_length=500, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="event_partners",
        help_text=_("Users who may announce events for this partner."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        # Only editors (who may add partners) say which users act for a partner.
        FieldPanel("members", permission="events.add_partner"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class EventIndexPage(PublicUrlMixin, RoutablePageMixin, Page):
    """Upcoming and past events at /arrangementer/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        return (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("organiser", "municipality__region")
        )

    @path("")
    def upcoming(self, request):
        from .views import event_list

        return event_list(request, self, archive=False)

    @path("arkiv/")
    def archive(self, request):
        from .views import event_list

        return event_list(request, self, archive=True)

    @path("kalender.ics/")
    def calendar_feed(self, request):
        from .views import calendar_feed

        return calendar_feed(request, self)

    def permissions_for_user(self, user):
        from .permissions import EventIndexPermissionTester

        return EventIndexPermissionTester(user, self)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({**urls[0], "location": urls[0]["location"] + "arkiv/"})
        return urls


class EventPage(PublicUrlMixin, RoutablePageMixin, Page):
    """A workshop, networking meeting, webinar or market dialogue held by a partner."""

    class EventType(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        NETWORKING = "networking", _("Networking meeting")
        WEBINAR = "webinar", _("Webinar")
        MARKET_DIALOGUE = "market_dialogue", _("Market dialogue")

    class Audience(models.TextChoices):
        SUPPLIERS = "suppliers", _("Social enterprises")
        BUYERS = "buyers", _("Public buyers")
        EVERYONE = "everyone", _("Everyone")

    class RegistrationMode(models.TextChoices):
        INTERNAL = "internal", _("Registration on this site")
        EXTERNAL = "external", _("Registration on an external site")
        NONE = "none", _("No registration")

    intro = models.TextField(_("introduction"), blank=True)
    event_type = models.CharField(
        _("type"), max_length=20, choices=EventType.choices, default=EventType.WORKSHOP
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    start = models.DateTimeField(_("starts"), help_text=_("Danish time (Europe/Copenhagen)."))
    end = models.DateTimeField(_("ends"), help_text=_("Danish time (Europe/Copenhagen)."))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    municipality = models.ForeignKey(
        "directory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the event takes place; used by the region filter."),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For webinars and hybrid events.")
    )
    organiser = models.ForeignKey(
        Partner, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="events"
    )
    participating_organisations = ParentalManyToManyField(
        "procurement.BuyerOrganisation",
        verbose_name=_("participating buyer organisations"),
        blank=True,
        related_name="events",
        help_text=_("Public buyers who took part, shown on their public page."),
    )
    tender_entry = models.ForeignKey(
        "procurement.TenderPlanEntry",
        verbose_name=_("tender plan entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "The planned purchase this market dialogue or information meeting is about; the "
            "entry's page links to the event."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    registration_mode = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.INTERNAL,
    )
    external_registration_url = models.URLField(_("external registration link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of seats. Leave empty for no limit; others join a waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Registration closes at this time, and always when the event starts."),
    )

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("audience")]),
        FieldPanel("organiser", widget=forms.Select),
        # Only editors (who may add partners) say which buyers took part.
        FieldPanel(
            "participating_organisations",
            widget=forms.CheckboxSelectMultiple,
            permission="events.add_partner",
        ),
        FieldPanel("tender_entry"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("Time")
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("municipality"),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("external_registration_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("event_type"),
        index.FilterField("audience"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("event_type"),
        APIField("audience"),
        APIField("start"),
        APIField("end"),
        APIField("venue_name"),
        APIField("address"),
        APIField("online_url"),
        APIField("organiser_name", serializer=CharField(source="organiser.name")),
        APIField("image"),
        APIField("image_alt"),
        APIField("body"),
        APIField("registration_mode"),
        APIField("external_registration_url"),
        APIField("registration_deadline"),
    ]
    override_translatable_fields = [
        SynchronizedField("venue_name"),
        SynchronizedField("address"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the start."
            )
        if (
            self.registration_mode == self.RegistrationMode.EXTERNAL
            and not self.external_registration_url
        ):
            errors["external_registration_url"] = _("Give the link to the external registration.")
        if not (self.address or self.online_url):
            errors["address"] = _("Give an address, an online link or both.")
        if self.image_id and not self.image_alt:
            errors["image_alt"] = _("An image needs an alternative text.")
        if errors:
            raise ValidationError(errors)

    def permissions_for_user(self, user):
        from .permissions import EventPagePermissionTester

        return EventPagePermissionTester(user, self)

    @property
    def region(self):
        return self.municipality.region if self.municipality_id else None

    @property
    def address_line(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    @property
    def is_online(self):
        return bool(self.online_url) and not self.address

    def is_past(self):
        return self.end < timezone.now()

    def canonical(self):
        """The translation that holds registrations: the default-language page if it exists."""
        default = Locale.get_default()
        if self.locale_id == default.id:
            return self
        return (
            EventPage.objects.filter(translation_key=self.translation_key, locale=default).first()
            or self
        )

    def registration_closes(self):
        """When built-in registration closes: the deadline or the start, whichever is first."""
        if self.registration_deadline:
            return min(self.registration_deadline, self.start)
        return self.start

    def registration_open(self, now=None):
        return (
            self.registration_mode == self.RegistrationMode.INTERNAL
            and (now or timezone.now()) < self.registration_closes()
        )

    def seats_taken(self):
        if self.pk is None:
            return 0
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def seats_left(self):
        """Free seats, or None when the event has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken(), 0)

    @path("")
    def event(self, request):
        from .views import event_detail

        return event_detail(request, self)

    @path("kalender.ics/")
    def calendar_file(self, request):
        from .views import event_calendar

        return event_calendar(request, self)

    @path("afmeld/<str:token>/")
    def cancel_registration(self, request, token):
        from .views import cancel_registration

        return cancel_registration(request, self, token)


class Registration(models.Model):
    """One person's sign-up for an event: a seat or a place on the waiting list."""

    class Role(models.TextChoices):
        SUPPLIER = "supplier", _("Social enterprise")
        BUYER = "buyer", _("Public buyer")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    consent = models.BooleanField(_("consent"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        help_text=_("When the personal data was removed; event, role and status are kept."),
    )

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & Q(anonymised_at__isnull=True),
                name="events_registration_one_active_per_email",
            )
        ]

    def __str__(self):
        if self.anonymised_at:
            return self.name
        return f"{self.name} <{self.email}>"
