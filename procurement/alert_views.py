"""A SØV user's alert setting (admin) and the signed one-click unsubscribe (no login)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from directory.models import SupplierProfile

from .alerts import unsubscribe, user_for_token
from .forms import AlertSettingForm
from .models import AlertSetting


def alert_settings(request):
    if not SupplierProfile.objects.filter(owners=request.user).exists():
        raise Http404
    setting = AlertSetting.objects.filter(user=request.user).first() or AlertSetting(
        user=request.user
    )
    form = AlertSettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail setting is saved."))
        return redirect("procurement_alerts:settings")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "procurement/admin/alert_settings.html", {"form": form}, status=status
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a token
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    user = user_for_token(token)
    if user is None:
        return TemplateResponse(
            request, "procurement/unsubscribe.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        unsubscribe(user)
        return TemplateResponse(request, "procurement/unsubscribe.html", {"done": True})
    return TemplateResponse(request, "procurement/unsubscribe.html", {"email": user.email})
