"""The embeddable supplier list that municipalities show in an iframe on their own sites."""

from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from cms.pages import index_page_for
from cms.public import page_url
from directory.models import DirectoryIndexPage
from directory.queries import DirectoryQuery
from directory.views import list_queryset

DEFAULT_ROWS = 10
MAX_ROWS = 50


def _rows(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return DEFAULT_ROWS
    return min(max(number, 1), MAX_ROWS)


@xframe_options_exempt
@require_GET
def widget(request):
    """The first live profiles matching the directory's filters, with a link to the rest."""
    query = DirectoryQuery.from_querydict(request.GET).validated()
    matches = query.results()
    profiles = list(list_queryset(matches)[: _rows(request.GET.get("rows"))])
    page = index_page_for(DirectoryIndexPage, request)
    base_url = page_url(page, request) if page else ""
    response = TemplateResponse(
        request,
        "api/widget.html",
        {
            "profiles": profiles,
            "count": matches.count(),
            "base_url": base_url,
            "more_url": f"{base_url}{query.url()}" if base_url else "",
            "heading": " ".join(request.GET.get("heading", "").split())[:100],
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
