"""Creates the editorial demo content once; a second run finds it and changes nothing."""

import uuid

from django.apps import apps

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments

from cms.models import FooterLink, HomePage, SiteSettings
from cms.public import site_address, sync_default_site

from .pages import HOME, PAGES

HOME_SLUG = "forside"


def load(stdout):
    """Build the page tree and its English translations; returns {key: Danish page}."""
    danish = Locale.objects.get(language_code="da")
    english = Locale.objects.get(language_code="en")
    home = _home_page(danish)
    pages = {"home": home}
    for spec in PAGES:
        pages[spec["key"]] = create_child_page(spec, pages[spec["parent"]], pages)
    if not home.body:
        home.body = _stream(HOME["da"]["body"], "home", pages)
        home.save_revision().publish()
    for spec in [{"key": "home", "da": HOME["da"], "en": HOME["en"]}, *PAGES]:
        translate_page(pages[spec["key"]], spec, english, pages)
    _site_settings(pages)
    stdout.write(f"Editorial pages: {len(pages)} Danish pages, each with an English translation.")
    return pages


def _home_page(locale):
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=HOME["da"]["title"], slug=HOME_SLUG, intro=HOME["da"]["intro"], locale=locale
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page_id != home.id:
        old_root = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": site_address()[0],
                "port": site_address()[1],
                "root_page": home,
                "site_name": "Socialøkonomisk",
            },
        )
        if old_root and old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    sync_default_site()
    return home


def _page_model(name):
    return apps.get_model(name if "." in name else f"cms.{name}")


def create_child_page(spec, parent, pages):
    existing = Page.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    content = spec["da"]
    model = _page_model(spec["type"])
    page = model(
        title=content["title"],
        slug=spec["slug"],
        show_in_menus=spec.get("menu", False),
        **_content_fields(model, content, spec["key"], pages),
        **spec.get("fields", {}),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _content_fields(model, content, key, pages):
    fields = {"intro": content.get("intro", "")}
    if "body" in content and hasattr(model, "body"):
        fields["body"] = _stream(content["body"], key, pages)
    return fields


def _stream(blocks, key, pages):
    """StreamField raw data with stable block ids, so both languages line up segment by segment."""
    return [
        {
            "type": kind,
            "value": _resolve(value, pages),
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}/{i}")),
        }
        for i, (kind, value) in enumerate(blocks)
    ]


def _resolve(value, pages):
    if isinstance(value, dict) and "page" in value:
        return {**value, "page": pages[value["page"]].id, "external_url": ""}
    return value


def translate_page(page, spec, english, pages):
    """Translate ``page`` to English through wagtail-localize, filling every segment."""
    if page.get_translation_or_none(english):
        return
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=english, defaults={"enabled": True}
    )
    english_texts = _english_segments(page, spec, pages)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = english_texts.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    translation.save_target(publish=True)


def _english_segments(page, spec, pages):
    """Map each Danish text segment of ``page`` to its English counterpart."""
    model = type(page)
    draft = model(
        title=spec["en"]["title"],
        slug=spec["en"].get("slug", page.slug),
        **_content_fields(model, spec["en"], spec["key"], pages),
        **spec.get("fields", {}),
    )
    danish = _string_segments(page)
    english = _string_segments(draft)
    if len(danish) != len(english):
        raise ValueError(f"Demo page {spec['key']!r}: Danish and English texts do not line up")
    return dict(zip(danish, english, strict=True))


def _string_segments(instance):
    segments = [s for s in extract_segments(instance) if hasattr(s, "string")]
    return [segment.string.data for segment in segments]


def _site_settings(pages):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        settings.contact_email = "kontakt@socialoekonomisk.example"
        settings.contact_phone = "+45 12 34 56 78"
        settings.save()
    if not settings.terms_page_id or not settings.privacy_page_id:
        settings.terms_page, settings.privacy_page = pages["terms"], pages["privacy"]
        settings.save()
    if not settings.footer_links.exists():
        for order, key in enumerate(["about", "terms", "privacy", "accessibility"]):
            FooterLink.objects.create(settings=settings, page=pages[key], sort_order=order)
