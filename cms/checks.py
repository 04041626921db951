"""System checks for running the site with more than one process."""

from django.conf import settings
from django.core.checks import Error, register

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register()
def shared_cache(app_configs, **kwargs):
    """Several workers need one cache, or each counts rate limits and facet caches on its own."""
    workers = getattr(settings, "WEB_CONCURRENCY", 1)
    backend = settings.CACHES["default"]["BACKEND"]
    if workers > 1 and backend in LOCAL_CACHES:
        return [
            Error(
                f"{workers} worker processes are configured but the cache is local to each.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or WEB_CONCURRENCY=1.",
                id="cms.E001",
            )
        ]
    return []
