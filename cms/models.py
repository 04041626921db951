"""Editorial page types, site settings and the navigation they share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock
from .public import PublicUrlMixin


class BasePage(PublicUrlMixin, Page):
    """A page with an introduction and a body of shared blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The front page: what the platform is and where to start."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.GuideIndexPage",
        "directory.DirectoryIndexPage",
        "procurement.TenderPlanIndexPage",
        "events.EventIndexPage",
        "stats.StatisticsPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """A plain editorial page such as "Om platformen" or the privacy policy."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class GuideIndexPage(BasePage):
    """Lists the guides ("Vejledninger")."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public().specific()
        return context

    class Meta:
        verbose_name = _("guide index page")


class GuidePage(BasePage):
    """A step-by-step guide for suppliers or buyers."""

    class Audience(models.TextChoices):
        SUPPLIERS = "suppliers", _("Social enterprises")
        BUYERS = "buyers", _("Public buyers")
        EVERYONE = "everyone", _("Everyone")

    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )

    content_panels = BasePage.content_panels[:2] + [FieldPanel("audience")] + [FieldPanel("body")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Contact details and footer links shown on every page, and the pages the sign-up's
    consent links to."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("terms_page"), FieldPanel("privacy_page")],
            heading=_("Pages the sign-up links to"),
        ),
        InlinePanel("footer_links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("site settings")


class FooterLink(Orderable):
    """A link in the footer: to a page (shown in the reader's language) or elsewhere."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("label"), max_length=80, blank=True)
    url = models.URLField(_("external URL"), blank=True)

    panels = [FieldPanel("page"), FieldPanel("label"), FieldPanel("url")]

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Choose either a page or an external URL."))
        if self.url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
