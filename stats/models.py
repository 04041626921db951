"""The public statistics page: the platform's reach in figures and charts, and a page per buyer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from cms.public import PublicUrlMixin


class StatisticsPage(PublicUrlMixin, RoutablePageMixin, Page):
    """Figures and charts at /statistik/, their CSV files and a public page per buyer."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("statistics page")

    @path("")
    def figures_view(self, request):
        from .views import statistics

        return statistics(request, self)

    @path("<slug:chart>.csv/", name="csv")
    def csv_view(self, request, chart):
        from .views import chart_csv

        return chart_csv(request, self, chart)

    @re_path(r"^ordregivere/(?P<pk>\d{1,18})/(?:(?P<slug>[-\w]*)/)?$", name="buyer")
    def buyer_view(self, request, pk, slug=None):
        from .views import buyer_organisation

        return buyer_organisation(request, self, int(pk), slug)

    def get_sitemap_urls(self, request=None):
        from procurement.models import BuyerOrganisation

        from .queries import buyer_path

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        buyers = BuyerOrganisation.objects.filter(entries__live=True).distinct().order_by("pk")
        urls += [
            {"location": buyer_path(base, pk, name)}
            for pk, name in buyers.values_list("pk", "name")
        ]
        return urls
