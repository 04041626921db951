"""Sign-up for social enterprises at /opret/leverandoer/: an inactive user and a draft profile."""

from stdnum.dk import cvr as stdnum_cvr

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from accounts.forms import SignupForm
from accounts.groups import SUPPLIERS
from accounts.models import Account
from accounts.services import create_pending_user, send_confirmation

from .importer import unique_slug
from .models import SupplierProfile
from .validators import validate_cvr


class SupplierSignupForm(SignupForm):
    cvr = forms.CharField(
        label=_("CVR number"), max_length=20, help_text=_("Your enterprise's 8-digit CVR number.")
    )
    organisation_name = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    request_access = forms.BooleanField(
        label=_("Yes, ask for access to the existing profile instead of creating a new one"),
        required=False,
    )
    field_order = ["cvr", "organisation_name", "full_name", "email", "password1", "password2"]

    def clean_cvr(self):
        value = stdnum_cvr.compact(self.cleaned_data["cvr"])
        validate_cvr(value)
        self.existing_profile = SupplierProfile.objects.filter(cvr=value).first()
        if self.existing_profile and not self.data.get("request_access"):
            raise ValidationError(
                _(
                    "%(name)s is already on the list with this CVR number. Tick the box below "
                    "to ask for access to that profile instead of creating a duplicate."
                ),
                params={"name": self.existing_profile.name},
                code="cvr_exists",
            )
        return value


@csrf_protect
def supplier_signup(request):
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _create(form.cleaned_data, form.existing_profile)
        send_confirmation(user)
        return TemplateResponse(
            request,
            "directory/signup_done.html",
            {"email": user.email, "claim": form.existing_profile},
        )
    return TemplateResponse(
        request,
        "directory/signup.html",
        {"form": form, "existing_profile": getattr(form, "existing_profile", None)},
        status=400 if form.is_bound else 200,
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
