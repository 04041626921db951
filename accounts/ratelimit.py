"""Rate limits on sign-up, login and password reset, per IP address and per account."""

from dataclasses import dataclass

from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve

from wagtail import hooks

from cms.client_ip import client_ip


@dataclass(frozen=True)
class Rule:
    per_ip: int
    per_account: int
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
SIGNUP_RULE = Rule(per_ip=10, per_account=3, window=60 * 60, account_field="email")


def rules():
    """The fixed rules plus every sign-up URL name the apps register (hook ``signup_url_names``)."""
    extra = {name: SIGNUP_RULE for hook in hooks.get_hooks("signup_url_names") for name in hook()}
    return {**RULES, **extra}


class RateLimitMiddleware:
    """Answers 429 with a clear message once an IP address or an account has tried too often."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule, name = self._rule_for(request)
        if rule is None:
            return self.get_response(request)
        keys = self._keys(request, name, rule)
        if any(cache.get(key, 0) >= limit for key, limit in keys):
            response = TemplateResponse(
                request,
                "accounts/rate_limited.html",
                {"minutes": rule.window // 60},
                status=429,
            )
            response["Retry-After"] = str(rule.window)
            return response.render()
        response = self.get_response(request)
        failed = response.status_code == 200
        if failed or not rule.failures_only:
            for key, _limit in keys:
                cache.add(key, 0, rule.window)
                cache.incr(key)
        return response

    @staticmethod
    def _rule_for(request):
        if request.method != "POST":
            return None, None
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return None, None
        return rules().get(name), name

    @staticmethod
    def _keys(request, name, rule):
        keys = [(f"ratelimit:{name}:ip:{client_ip(request)}", rule.per_ip)]
        account = request.POST.get(rule.account_field, "").strip().lower()
        if account:
            keys.append((f"ratelimit:{name}:account:{account[:254]}", rule.per_account))
        return keys
