"""Navigation, language switching and other pieces every page template uses."""

import datetime
from typing import NamedTuple

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from wagtail.models import Locale, Page, Site

from cms import security
from cms.models import FooterLink, SiteSettings
from cms.site_cache import site_cached

register = template.Library()


@register.filter
def in_future(value):
    """Whether a date or a time is still to come (the admin shows those as dates)."""
    if isinstance(value, datetime.datetime):
        return value > timezone.now()
    return isinstance(value, datetime.date) and value > timezone.localdate()


@register.simple_tag
def csp_nonce():
    """The request's CSP nonce, also where the context has no request (form widgets)."""
    return security.nonce()


class Link(NamedTuple):
    """A page as a link: what the menu, breadcrumbs and ``in_section`` need of it."""

    url: str
    title: str
    path: str


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _home_urls(request, site):
    """{language code: URL} of the site's home page and its live translations."""

    def compute():
        root = site.root_page
        pages = root.get_translations(inclusive=True).live().select_related("locale")
        return {page.locale.language_code: page.get_url(request) for page in pages}

    return site_cached(f"home-urls:{site.pk}", compute)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's live children marked "show in menus", in the active language."""
    request = context["request"]
    site = _site(request)
    if site is None:
        return []

    def compute():
        home = site.root_page.localized
        pages = home.get_children().live().public().in_menu()
        return [Link(page.get_url(request), page.title, page.path) for page in pages]

    return site_cached(f"menu:{site.pk}:{get_language()}", compute)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """[Link] for the page's ancestors below the root, shared until a page changes."""
    request = context["request"]
    site = _site(request)

    def compute():
        ancestors = page.get_ancestors()[1:]
        return [Link(p.get_url(request), p.title, p.path) for p in ancestors]

    return site_cached(f"breadcrumbs:{site.pk if site else 0}:{page.pk}", compute)


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The site's contact settings (``SiteSettings``), shared until they change."""
    request = context["request"]
    site = _site(request)
    if site is None:
        return None
    return site_cached(f"contact:{site.pk}", lambda: SiteSettings.for_site(site))


@register.simple_tag(takes_context=True)
def footer_links(context):
    """[(url, text)] for the site's footer links, pages in the active language."""
    request = context["request"]
    site = _site(request)
    if site is None:
        return []
    return site_cached(f"footer:{site.pk}:{get_language()}", lambda: _footer_links(request, site))


def _footer_links(request, site):
    links = list(
        FooterLink.objects.filter(settings__site=site).select_related("page").order_by("sort_order")
    )
    keys = {link.page.translation_key for link in links if link.page}
    localized = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=Locale.get_active())
    }
    items = []
    for link in links:
        if link.page is None:
            items.append((link.url, link.label))
            continue
        page = localized.get(link.page.translation_key, link.page)
        items.append((page.get_url(request), link.label or page.title))
    return items


@register.simple_tag(takes_context=True)
def terms_label(context):
    """The sign-up's consent label, linking the site's terms and privacy pages in the reader's
    language (plain words for a page that is not set or not live)."""
    request = context["request"]
    site_settings = SiteSettings.for_request(request)

    def link(page, text):
        page = page.localized if page else None
        if page is None or not page.live:
            return text
        return format_html('<a href="{}">{}</a>', page.get_url(request), text)

    return format_html(
        gettext("I accept the {terms} and have read the {privacy}"),
        terms=link(site_settings.terms_page, gettext("terms of use")),
        privacy=link(site_settings.privacy_page, gettext("privacy policy")),
    )


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]
    site = _site(request)
    if site is None:
        return "/"
    return _home_urls(request, site).get(get_language()) or site.root_page.url or "/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language, pointing at the same page (or view) in that language.

    On a routable page the sub-path and query string are kept, so a filtered directory
    search or a profile opens in the other language too; a query string longer than any form
    sends (``MAX_LINKED_QUERY``) is left out rather than echoed.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    if isinstance(page, Page):
        site = _site(request)
        translations = site_cached(
            f"translations:{site.pk if site else 0}:{page.pk}",
            lambda: {
                p.locale.language_code: p.get_url(request)
                for p in page.get_translations(inclusive=True).live().select_related("locale")
            },
        )
        page_url = page.get_url(request) or ""
        suffix = request.path[len(page_url) :] if request.path.startswith(page_url) else ""
        query = linked_query(request)
        home_urls = _home_urls(request, site) if site else {}
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                url = target + suffix + (f"?{query}" if query else "")
            else:
                url = home_urls.get(code) or "/"
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    else:
        for code, name in settings.LANGUAGES:
            path = (
                request.get_full_path() if linked_query(request) else escape_uri_path(request.path)
            )
            url = translate_url(path, code)
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


MAX_LINKED_QUERY = 4000  # characters: the longest query string a search form sends, and more


def linked_query(request):
    query = request.META.get("QUERY_STRING", "")
    return query if len(query) <= MAX_LINKED_QUERY else ""


@register.filter
def in_section(page, section):
    """True when ``page`` is ``section`` or one of its descendants."""
    return isinstance(page, Page) and page.path.startswith(section.path)


WIDGET_CLASSES = {
    "checkbox": "form-checkbox",
    "radioselect": "form-radio",
    "checkboxselectmultiple": "form-checkbox",
    "select": "form-select",
    "selectmultiple": "form-select",
    "textarea": "form-input",
}


@register.simple_tag
def form_widget(field):
    """A form field's widget with the design system's class and accessible error/hint links."""
    attrs = {"class": WIDGET_CLASSES.get(field.widget_type, "form-input")}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def public_base():
    """The site's public address (PUBLIC_BASE_URL), for canonical and Open Graph URLs."""
    return settings.PUBLIC_BASE_URL.rstrip("/")
