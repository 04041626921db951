"""Rate limits on sign-up, login and password reset, per IP address and per (address, account),
and on forms a view limits itself (``allow``), per IP address and per account from anywhere.

Counters live in the cache, which production shares between all workers and hosts (Redis).
An attempt is counted before it runs (an atomic increment), so simultaneous requests on
different workers cannot slip past a limit; a login that succeeds gives its attempt back.
Accounts are only ever counted together with the address: wrong passwords from one address
never lock the owner out from another, and no limit on an account alone refuses a correct login.
Sign-ups are counted by their views (``accounts.signup``), only once the form is valid.
"""

from contextlib import suppress
from dataclasses import dataclass

from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve

from cms.client_ip import client_ip


@dataclass(frozen=True)
class Rule:
    per_ip: int
    per_account: int  # per account from one address
    window: int  # seconds
    account_field: str
    failures_only: bool = False


RULES = {
    "wagtailadmin_login": Rule(
        per_ip=30, per_account=5, window=15 * 60, account_field="username", failures_only=True
    ),
    "wagtailadmin_password_reset": Rule(
        per_ip=10, per_account=3, window=60 * 60, account_field="email"
    ),
}
RULES["resend_confirmation"] = Rule(per_ip=10, per_account=3, window=60 * 60, account_field="email")
SIGNUP_RULE = Rule(per_ip=10, per_account=3, window=60 * 60, account_field="email")
# Messages to a SØV: the sender's address gets a copy, so it is limited from every IP address.
CONTACT_RULE = Rule(per_ip=10, per_account=5, window=60 * 60, account_field="email")


def hit(key, window):
    """Count one attempt on ``key`` and return the count so far in this window."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def give_back(keys):
    for key in keys:
        with suppress(ValueError):  # expired meanwhile
            cache.decr(key)


def attempt(request, name, rule, account=""):
    """Count one attempt at ``name``: the keys counted, or None (nothing counted) once the
    address, or ``account`` from that address, is over its limit."""
    ip = client_ip(request)
    limits = [(f"ratelimit:{name}:ip:{ip}", rule.per_ip)]
    account = account.strip().lower()
    if account:
        limits.append((f"ratelimit:{name}:account:{ip}:{account[:254]}", rule.per_account))
    return [key for key, _limit in limits] if count(limits, rule.window) else None


def count(limits, window):
    """Count one attempt on every (key, limit); False, and nothing counted, if one is over."""
    keys = [key for key, _limit in limits]
    counts = [hit(key, window) for key in keys]
    if any(n > limit for n, (_key, limit) in zip(counts, limits, strict=True)):
        give_back(keys)  # a refused attempt tried nothing
        return False
    return True


def allow(request, name, rule, account=""):
    """For a view that counts only what it accepts (a valid form): count one attempt from the
    request's IP address and by ``account`` (e.g. an e-mail address, from any IP address) and
    say whether both are within ``rule``."""
    limits = [(f"ratelimit:{name}:ip:{client_ip(request)}", rule.per_ip)]
    account = account.strip().lower()
    if account:
        limits.append((f"ratelimit:{name}:account:{account[:254]}", rule.per_account))
    return count(limits, rule.window)


class RateLimitMiddleware:
    """Answers 429 with a clear message once an IP address, or an account from that address,
    has tried too often."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule, name = self._rule_for(request)
        if rule is None:
            return self.get_response(request)
        counted = attempt(request, name, rule, request.POST.get(rule.account_field, ""))
        if counted is None:
            response = TemplateResponse(
                request,
                "accounts/rate_limited.html",
                {"minutes": rule.window // 60},
                status=429,
            )
            response["Retry-After"] = str(rule.window)
            return response.render()
        response = self.get_response(request)
        failed = response.status_code == 200  # the form came back with an error
        if rule.failures_only and not failed:
            give_back(counted)
        return response

    @staticmethod
    def _rule_for(request):
        if request.method != "POST":
            return None, None
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return None, None
        return RULES.get(name), name
