"""Site-wide views: search, health check and robots.txt."""

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

from .forms import MAX_QUERY_LENGTH
from .public import public_url
from .search import pages_listed_in, site_search_sections


@require_GET
def search(request):
    """Search pages (and whatever the domain apps register) in the reader's language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = Page.objects.none()
    sections = []
    if query:
        sections = site_search_sections(request, query)
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(id__in=pages_listed_in(sections))
            .specific()
            .search(query)
        )
    results = Paginator(pages, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "cms/search.html",
        {"query": query, "results": results, "sections": sections, "language": get_language()},
    )


@never_cache
@require_GET
def healthz(request):
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap = public_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /en/admin/", f"Sitemap: {sitemap}"]
    return TemplateResponse(
        request, "cms/robots.txt", {"lines": lines}, content_type="text/plain; charset=utf-8"
    )
