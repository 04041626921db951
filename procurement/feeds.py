"""The Atom feed of newly announced tender plan entries, with the page's filters."""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cms.public import page_url, public_url

from .queries import TenderPlanQuery

FEED_SIZE = 50
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


def text(value):
    """Plain text as XML 1.0 can hold it: without the control characters it forbids."""
    return CONTROL_CHARACTERS.sub("", value)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with each entry's summary sent as plain text (Django marks it as HTML): buyers type
    text, so ``<b>`` or ``&`` in it is shown as typed, never interpreted by a feed reader."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class TenderPlanFeed(Feed):
    """Newest first by when the entry was first published on the platform. Every element is
    plain text (Atom's default; the summary says so)."""

    feed_type = PlainTextAtom1Feed

    def __init__(self, page):
        super().__init__()
        self.page = page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return TenderPlanQuery.from_querydict(request.GET).validated()

    def title(self, query):
        return text(_("%(title)s: new entries") % {"title": self.page.title})

    def subtitle(self, query):
        return text(
            self.page.intro or _("Upcoming tenders and smaller purchases from public buyers.")
        )

    def link(self, query):
        return page_url(self.page, self.request) + query.url()

    def feed_url(self, query):
        return public_url(self.request.get_full_path())

    def items(self, query):
        return (
            query.filtered()
            .select_related("organisation")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, entry):
        return text(f"{entry.title} ({entry.organisation.name})")

    def item_description(self, entry):
        return text(entry.summary)

    def item_link(self, entry):
        return f"{page_url(self.page, self.request)}{entry.pk}/{entry.slug}/"

    def item_pubdate(self, entry):
        return entry.first_published_at

    def item_updateddate(self, entry):
        return entry.last_published_at or entry.first_published_at

    def item_author_name(self, entry):
        return text(entry.organisation.name)

    def item_categories(self, entry):
        return [entry.get_procedure_display()]
