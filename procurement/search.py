"""The tender plan section of the site search."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from cms.pages import index_page_for

from .models import OPEN_STATUSES, TenderPlanEntry, TenderPlanIndexPage
from .queries import search_terms

MAX_RESULTS = 5


def tender_plan_section(request, query):
    """Open entries that match the query, soonest first."""
    page = index_page_for(TenderPlanIndexPage, request)
    terms = search_terms(query)
    if page is None or not terms:
        return None
    hits = TenderPlanEntry.objects.live().filter(status__in=OPEN_STATUSES).search(terms)
    entries = list(hits[:MAX_RESULTS])
    base = page.get_url(request)
    return {
        "title": _("Tender plan"),
        "results": [
            {
                "title": f"{entry.title} ({entry.organisation.name})",
                "url": f"{base}{entry.pk}/{entry.slug}/",
                "summary": entry.summary,
            }
            for entry in entries
        ],
        "more_url": f"{base}?{urlencode({'q': terms})}",
    }
