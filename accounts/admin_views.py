"""Admin views: approving sign-ups (editors) and each user's own data (everyone)."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogContext

from .forms import DeleteAccountForm, RejectForm
from .groups import is_editor
from .models import Account
from .services import approve, forget_user_in_logs, reject


def _editors_only(request):
    if not is_editor(request.user):
        raise PermissionDenied


def pending(request):
    _editors_only(request)
    accounts = Account.objects.filter(status=Account.Status.AWAITING_APPROVAL).select_related(
        "user"
    )
    return TemplateResponse(request, "accounts/admin/pending.html", {"accounts": accounts})


@require_POST
def approve_account(request, pk):
    _editors_only(request)
    account = get_object_or_404(Account, pk=pk, status=Account.Status.AWAITING_APPROVAL)
    approve(account, request.user)
    messages.success(
        request, _("%(name)s has been approved and told by e-mail.") % {"name": account}
    )
    return _back(request)


def reject_account(request, pk):
    _editors_only(request)
    account = get_object_or_404(Account, pk=pk, status=Account.Status.AWAITING_APPROVAL)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reject(account, request.user, form.cleaned_data["reason"])
        messages.success(request, _("%(name)s has been rejected and told why.") % {"name": account})
        return _back(request)
    return TemplateResponse(
        request,
        "accounts/admin/reject.html",
        {"account": account, "form": form, "back_url": _back(request).url},
    )


def _back(request):
    """Back to where the decision was taken (``next``, e.g. the editors' queue) or the list."""
    return redirect(get_valid_next_url_from_request(request) or "accounts_admin:pending")


def my_data(request):
    return TemplateResponse(
        request,
        "accounts/admin/my_data.html",
        {
            "delete_form": DeleteAccountForm(request.user),
            "actions": _personal_data_actions(request),
        },
    )


def _personal_data_actions(request):
    """Extra actions the domain apps offer here, e.g. taking a profile offline."""
    return [a for hook in hooks.get_hooks("personal_data_actions") for a in hook(request)]


def export_my_data(request):
    user = request.user
    data = {
        "exported_at": timezone.now(),
        "user": {
            "username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "groups": list(user.groups.values_list("name", flat=True)),
        },
    }
    account = Account.objects.filter(user=user).first()
    if account:
        data["account"] = {
            "kind": account.kind,
            "organisation": account.organisation_name,
            "status": account.status,
            "email_confirmed_at": account.email_confirmed_at,
            "created_at": account.created_at,
        }
    for hook in hooks.get_hooks("personal_data"):
        data.update(hook(user))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return response


@require_POST
def delete_my_account(request):
    user = request.user
    form = DeleteAccountForm(user, request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "accounts/admin/my_data.html",
            {"delete_form": form, "actions": _personal_data_actions(request)},
            status=400,
        )
    # What the apps do on the user's behalf is logged as the system's: no one is left to name.
    with transaction.atomic(), LogContext():
        for hook in hooks.get_hooks("delete_personal_data"):
            hook(user)
        forget_user_in_logs(user)
        logout(request)
        user.delete()
    return redirect("/")
