"""Sign-up for social enterprises at /opret/leverandoer/: an inactive user and a draft profile."""

from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from accounts.services import account_with_email, answer_taken_email, send_confirmation

from .forms import SupplierSignupForm
from .services import create_supplier_applicant


@csrf_protect
def supplier_signup(request):
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        taken = account_with_email(data["email"])
        if taken is not None:
            answer_taken_email(taken, data["password1"])
        else:
            send_confirmation(create_supplier_applicant(data, form.existing_profile))
        return TemplateResponse(request, "directory/signup_done.html", {"email": data["email"]})
    return TemplateResponse(
        request, "directory/signup.html", {"form": form}, status=400 if form.is_bound else 200
    )
