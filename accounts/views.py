"""Public account views: confirming an e-mail address."""

from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .models import Account
from .services import confirm
from .tokens import user_id_from_confirmation_token


def _email_of(user_id):
    return get_user_model().objects.filter(pk=user_id).values_list("email", flat=True).first()


@require_GET
def confirm_email(request, token):
    user_id = user_id_from_confirmation_token(token, _email_of)
    account = Account.objects.filter(user_id=user_id).select_related("user").first()
    if account is None:
        return TemplateResponse(request, "accounts/confirm_invalid.html", status=400)
    confirm(account)
    return TemplateResponse(request, "accounts/confirmed.html", {"account": account})
