"""Directory URLs outside the page tree: the SØV sign-up and the file exports."""

from django.urls import path, re_path

from accounts.signup import done_view

from . import views
from .signup import supplier_signup

urlpatterns = [
    path("opret/leverandoer/", supplier_signup, name="signup_supplier"),
    path(
        "opret/leverandoer/tak/",
        done_view,
        {"template": "directory/signup_done.html", "form_url_name": "signup_supplier"},
        name="signup_supplier_done",
    ),
    re_path(
        r"^(?P<page_path>[\w\-/]+/)eksport\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="directory_export",
    ),
]
