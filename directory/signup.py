"""Sign-up for social enterprises at /opret/leverandoer/: an inactive user and a draft profile."""

from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from accounts import signup
from accounts.services import account_with_email, answer_taken_email, send_confirmation

from .forms import SupplierSignupForm
from .services import create_supplier_applicant

TEMPLATE = "directory/signup.html"


@csrf_protect
def supplier_signup(request):
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if signup.over_limit(request, form):
            return signup.refused(request, TEMPLATE, form)
        data = form.cleaned_data
        taken = account_with_email(data["email"])
        if taken is not None:
            answer_taken_email(taken, data["password1"])
        else:
            send_confirmation(create_supplier_applicant(data, form.existing_profile))
        return signup.done(request, "signup_supplier_done", data["email"])
    return TemplateResponse(request, TEMPLATE, {"form": form}, status=400 if form.is_bound else 200)
