"""The tender plan section of the site search."""

import hashlib
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from cms.pages import index_page_for
from cms.site_cache import site_cached

from .models import OPEN_STATUSES, TenderPlanEntry, TenderPlanIndexPage
from .queries import search_terms

MAX_RESULTS = 5


def tender_plan_section(request, query):
    """Open entries that match the query, soonest first (kept in the site cache: a saved entry
    starts a new site version)."""
    page = index_page_for(TenderPlanIndexPage, request)
    terms = search_terms(query)
    if page is None or not terms:
        return None
    base = page.get_url(request)
    key = f"tender-search:{hashlib.sha256(terms.encode()).hexdigest()}"  # any length, any letter
    return {
        "title": _("Tender plan"),
        "results": [
            {"title": title, "url": f"{base}{path}", "summary": summary}
            for title, path, summary in site_cached(key, lambda: hits(terms))
        ],
        "more_url": f"{base}?{urlencode({'q': terms})}",
    }


def hits(terms):
    """[(title with the buyer, path below the tender plan, summary)] of the best matches."""
    entries = TenderPlanEntry.objects.live().filter(status__in=OPEN_STATUSES).search(terms)
    return [
        (f"{entry.title} ({entry.organisation.name})", f"{entry.pk}/{entry.slug}/", entry.summary)
        for entry in entries[:MAX_RESULTS]
    ]
