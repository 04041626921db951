"""/sitemap.xml: every live public page in every language, with hreflang alternates.

Wagtail's own sitemap lists only the default site's (Danish) tree and no alternates
(wagtail#12420). Each page's ``get_sitemap_urls`` still decides its URLs (routable pages add
profiles, tender entries, buyers); a URL's alternates are the same suffix under each live
translation of the page.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Page


def page_urls(request):
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    urls = []
    for page in pages:
        base = page.get_full_url(request)
        if not base:
            continue
        translations = [
            (other.locale.language_code, other.get_full_url(request))
            for other in by_key[page.translation_key]
        ]
        translations = [(code, url) for code, url in translations if url]
        for entry in page.get_sitemap_urls(request):
            location = entry["location"]
            alternates = []
            if location.startswith(base) and len(translations) > 1:
                suffix = location[len(base) :]
                alternates = sorted((code, url + suffix) for code, url in translations)
            urls.append({**entry, "alternates": alternates})
    return urls


@require_GET
def sitemap(request):
    xml = render_to_string(
        "cms/sitemap.xml", {"urls": page_urls(request), "language": get_language()}
    )
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
