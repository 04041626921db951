"""Look-ups that give the same answer for a whole request, made once per request.

Wagtail asks the database for the active ``Locale`` on every ``page.localized`` and
``Locale.get_active()`` (about ten times on a directory page). ``RequestCacheMiddleware`` opens
a memo for each request; ``memoised`` reads and fills it, and computes afresh outside a request
(commands, tasks, a streamed response's body).
"""

from contextvars import ContextVar

from wagtail.models.i18n import LocaleManager

_memo = ContextVar("request_memo", default=None)


def memoised(key, compute):
    """``compute()``, remembered under ``key`` until the end of the current request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(key):
    """Drop ``key`` from the current request's memo (after a write that changes it)."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


_get_for_language = LocaleManager.get_for_language


def _locale_for_language(manager, language_code):
    from .site_cache import site_cached

    return site_cached(f"locale:{language_code}", lambda: _get_for_language(manager, language_code))


# Wagtail has no setting for it; a rename fails at start-up (the attribute above).
LocaleManager.get_for_language = _locale_for_language
