"""Admin views for a social enterprise's own users: their profile, going offline, colleagues."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.emails import absolute, send_templated
from accounts.groups import SUPPLIERS
from accounts.models import Account
from accounts.services import OfflineReason, create_user_with_account
from accounts.services import take_offline as take_content_offline

from .models import SupplierProfile


def _own_profile(request, pk):
    return get_object_or_404(SupplierProfile, pk=pk, owners=request.user)


def my_profile(request):
    profile = SupplierProfile.objects.filter(owners=request.user).order_by("pk").first()
    if profile is None:
        raise Http404
    return redirect("wagtailsnippets_directory_supplierprofile:edit", profile.pk)


@require_POST
def take_offline(request, pk):
    profile = _own_profile(request, pk)
    if profile.live:
        take_content_offline(profile, OfflineReason.OWNER, user=request.user)
        messages.success(request, _("%(name)s is now offline.") % {"name": profile.name})
    return redirect("accounts_admin:my_data")


class InviteForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Colleague's name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Colleague's e-mail"), max_length=254)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                gettext_lazy("This person already has an account. Ask an editor to add them.")
            )
        return email


def invite_colleague(request, pk):
    profile = _own_profile(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _invite(profile, form.cleaned_data, request.user)
        messages.success(
            request, _("We have sent an invitation to %(email)s.") % {"email": user.email}
        )
        return redirect("directory_owner:invite", profile.pk)
    return TemplateResponse(
        request,
        "directory/admin/invite.html",
        {"profile": profile, "form": form, "colleagues": profile.owners.order_by("first_name")},
    )


@transaction.atomic
def _invite(profile, data, inviter):
    user = create_user_with_account(
        full_name=data["full_name"],
        email=data["email"],
        kind=Account.Kind.SUPPLIER,
        organisation_name=profile.name,
        group=SUPPLIERS,
        approved=True,
        by=inviter,
    )
    profile.owners.add(user)
    link = absolute(
        reverse(
            "wagtailadmin_password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
    )
    send_templated(
        "directory/emails/invitation",
        {"inviter": inviter, "profile": profile, "link": link, "user": user},
        [user.email],
    )
    return user
