"""The contact form on a live profile page, ``<directory>/<slug>/kontakt/``: a visitor writes to
the SØV through the platform, which need not show its e-mail address."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.ratelimit import CONTACT_RULE, allow

from .forms import ContactForm
from .models import SupplierProfile
from .services import NotContactable, contact_recipients, send_contact_message


def contactable_profile_or_404(slug):
    profile = SupplierProfile.objects.live().filter(slug=slug).first()
    if profile is None or not contact_recipients(profile):
        raise Http404
    return profile


def contact(request, page, slug):
    """The form; a valid message is stored and sent, then the visitor is redirected to a
    confirmation. Only valid messages count towards the rate limit."""
    profile = contactable_profile_or_404(slug)
    profile_url = f"{page.get_url(request)}{profile.slug}/"
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            if allow(request, "contact", CONTACT_RULE, form.cleaned_data["email"]):
                try:
                    send_contact_message(profile, form.cleaned_data, get_language(), profile_url)
                except NotContactable as error:
                    raise Http404 from error
                return redirect(f"{profile_url}kontakt/sendt/")
            status = 429
            form.add_error(
                None,
                _("You have sent too many messages in a short while. Wait an hour and try again."),
            )
    context = {"page": page, "profile": profile, "profile_url": profile_url, "form": form}
    return TemplateResponse(request, "directory/contact.html", context, status=status)


def contact_sent(request, page, slug):
    profile = contactable_profile_or_404(slug)
    profile_url = f"{page.get_url(request)}{profile.slug}/"
    return TemplateResponse(
        request,
        "directory/contact_sent.html",
        {"page": page, "profile": profile, "profile_url": profile_url},
    )
