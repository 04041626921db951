"""Sign-up for social enterprises at /opret/leverandoer/: an inactive user and a draft profile."""

from stdnum.dk import cvr as stdnum_cvr

from django import forms
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from accounts.emails import absolute, send_templated
from accounts.forms import SignupForm
from accounts.groups import SUPPLIERS
from accounts.models import Account
from accounts.services import (
    account_with_email,
    answer_taken_email,
    create_pending_user,
    send_confirmation,
    user_language,
)

from .importer import unique_slug
from .models import SupplierProfile
from .validators import validate_cvr


class SupplierSignupForm(SignupForm):
    cvr = forms.CharField(
        label=_("CVR number"), max_length=20, help_text=_("Your enterprise's 8-digit CVR number.")
    )
    organisation_name = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    field_order = ["cvr", "organisation_name", "full_name", "email", "password1", "password2"]

    def clean_cvr(self):
        """A CVR number already on the list asks for access to that profile instead of creating
        a duplicate; the page never says so, nor names the profile (it may be a draft)."""
        value = stdnum_cvr.compact(self.cleaned_data["cvr"])
        validate_cvr(value)
        self.existing_profile = SupplierProfile.objects.filter(cvr=value).first()
        return value


@csrf_protect
def supplier_signup(request):
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        taken = account_with_email(data["email"])
        if taken is not None:
            answer_taken_email(taken, data["password1"])
        else:
            send_confirmation(_create(data, form.existing_profile))
        return TemplateResponse(request, "directory/signup_done.html", {"email": data["email"]})
    return TemplateResponse(
        request, "directory/signup.html", {"form": form}, status=400 if form.is_bound else 200
    )


@transaction.atomic
def _create(data, existing_profile):
    user = create_pending_user(
        full_name=data["full_name"],
        email=data["email"],
        password=data["password1"],
        kind=Account.Kind.SUPPLIER,
        organisation_name=data["organisation_name"],
        group=SUPPLIERS,
    )
    if existing_profile:
        Account.objects.filter(user=user).update(claim_cvr=existing_profile.cvr)
        return user
    profile = SupplierProfile(
        name=data["organisation_name"],
        slug=unique_slug(data["organisation_name"]),
        cvr=data["cvr"],
        summary="",
        contact_name=data["full_name"],
        email=data["email"],
        live=False,
    )
    profile.save()
    profile.owners.add(user)
    profile.save_revision(user=user, log_action=True, clean=False)
    return user


def grant_claimed_profile(account):
    """On approval, an applicant who asked for an existing profile becomes one of its owners."""
    if account.kind == Account.Kind.SUPPLIER and account.claim_cvr:
        profile = SupplierProfile.objects.filter(cvr=account.claim_cvr).first()
        if profile:
            profile.owners.add(account.user)


def tell_owners_of_access_request(account):
    """Once the applicant has confirmed their e-mail, the owners of the profile they claim by CVR
    hear who asks for access; an editor decides."""
    if account.kind != Account.Kind.SUPPLIER or not account.claim_cvr:
        return
    profile = SupplierProfile.objects.filter(cvr=account.claim_cvr).first()
    if profile is None:
        return
    for owner in profile.owners.filter(is_active=True).exclude(email=""):
        send_templated(
            "directory_access_requested",
            {
                "owner": owner,
                "profile": profile,
                "applicant": account.user,
                "link": absolute(reverse("directory_owner:invite", args=[profile.pk])),
            },
            [owner.email],
            language=user_language(owner),
        )
