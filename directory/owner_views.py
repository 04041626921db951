"""Admin views for a social enterprise's own users: their profile, going offline, colleagues."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import OfflineReason
from accounts.services import take_offline as take_content_offline

from .forms import InviteForm
from .models import SupplierProfile
from .services import invite_owner


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


def invite_colleague(request, pk):
    profile = _own_profile(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invite_owner(profile, form.cleaned_data, request.user)
        messages.success(
            request, _("We have sent an invitation to %(email)s.") % {"email": user.email}
        )
        return redirect("directory_owner:invite", profile.pk)
    return TemplateResponse(
        request,
        "directory/admin/invite.html",
        {"profile": profile, "form": form, "colleagues": profile.owners.order_by("first_name")},
    )
