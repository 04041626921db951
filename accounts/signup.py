"""What the SØV and buyer sign-ups share around their forms: a rate limit that counts only valid
forms and keeps what was typed, and POST/redirect/GET to the "check your e-mail" page."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from .ratelimit import SIGNUP_RULE, attempt

SESSION_KEY = "signup_email"


def over_limit(request, form):
    """Count a valid sign-up; True, with a message on the form, once this address (or this
    e-mail address from it) has signed up too often."""
    if attempt(request, request.resolver_match.url_name, SIGNUP_RULE, form.cleaned_data["email"]):
        return False
    message = gettext(
        "You have tried too many times in a short while. For your security, please wait "
        "%(minutes)s minutes and try again."
    )
    form.add_error(None, message % {"minutes": SIGNUP_RULE.window // 60})
    return True


def refused(request, template, form):
    """The form again, with what was typed and the rate-limit message."""
    response = TemplateResponse(request, template, {"form": form}, status=429)
    response["Retry-After"] = str(SIGNUP_RULE.window)
    return response


def done(request, done_url_name, email):
    """Redirect to the "check your e-mail" page, which shows ``email``."""
    request.session[SESSION_KEY] = email
    return redirect(done_url_name)


@never_cache
def done_view(request, template, form_url_name):
    """The "check your e-mail" page after a sign-up; without one, the sign-up form."""
    email = request.session.get(SESSION_KEY)
    if not email:
        return redirect(form_url_name)
    return TemplateResponse(request, template, {"email": email})
