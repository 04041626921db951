"""Public account views: confirming an e-mail address and asking for a new link."""

from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from .forms import ResendConfirmationForm
from .models import Account
from .services import confirm, resend_confirmation
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


@require_http_methods(["GET", "POST"])
def resend_confirmation_email(request):
    """A new confirmation link; the answer is the same whether or not the address has an
    unconfirmed account, so the form tells nobody which addresses are signed up."""
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resend_confirmation(form.cleaned_data["email"])
        return TemplateResponse(
            request, "accounts/confirmation_resent.html", {"email": form.cleaned_data["email"]}
        )
    return TemplateResponse(request, "accounts/resend_confirmation.html", {"form": form})
