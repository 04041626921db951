"""Look-ups that stay the same until an editor changes a page, site, locale or site setting,
shared by every request and every process through Django's cache (Redis in production).

``site_cached(key, compute)`` keeps ``compute()`` under the current *site version*: a token in
the cache that every save or delete of a page, view restriction, site, locale, site setting or
footer link replaces (signals connected by ``connect`` in ``CmsConfig.ready``), at once and
again when the transaction commits, so an edit on one server is seen by every other at once.
Wagtail's site look-up and ``Locale`` look-ups go through it, the menu, footer, breadcrumbs
and language links of ``cms_tags``, and apps' own look-ups of models they ``watch``.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models import sites as wagtail_sites
from wagtail.signals import page_published, page_unpublished, post_page_move

from .request_cache import forget, memoised

VERSION_KEY = "site-version"
TIMEOUT = 24 * 3600
_MISSING = object()


def version():
    """The current site version, read once per request."""
    return memoised(VERSION_KEY, lambda: cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, None))


def site_cached(key, compute):
    """``compute()``, shared until the site version changes (and remembered for the request)."""

    def shared():
        full_key = f"site:{version()}:{key}"
        value = cache.get(full_key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(full_key, value, TIMEOUT)
        return value

    return memoised(("site", key), shared)


def bump():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    forget(VERSION_KEY)


_watched = [Page, PageViewRestriction, Site, Locale]


def watch(*models):
    """Also start a new site version when a row of one of ``models`` is saved or deleted (for
    an app that keeps its own look-ups with ``site_cached``)."""
    _watched.extend(models)


def connect():
    """Listen for the writes that change what ``site_cached`` keeps."""
    from .models import FooterLink, SiteSettings

    watch(SiteSettings, FooterLink)

    def changed(sender, instance=None, **kwargs):
        """A new site version now and after the commit (so nobody caches the state from before
        the commit under the new one)."""
        if isinstance(instance, tuple(_watched)):
            bump()
            transaction.on_commit(bump)

    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid="site-cache", weak=False)


_get_site_for_hostname = wagtail_sites.get_site_for_hostname


def _site_for_hostname(hostname, port):
    """Wagtail's site look-up, with the root page already in its specific class."""

    def compute():
        try:
            site = _get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific_deferred  # no query; fields load on use
        return site

    site = site_cached(f"site-for:{hostname}:{port}", compute)
    if site is None:
        raise Site.DoesNotExist
    return site


# Wagtail has no setting for it; a rename fails at start-up (the attribute above).
wagtail_sites.get_site_for_hostname = _site_for_hostname
