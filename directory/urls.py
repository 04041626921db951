"""Directory URLs outside the page tree: the SØV sign-up and the file exports."""

from django.urls import path, re_path

from . import views
from .signup import supplier_signup

urlpatterns = [
    path("opret/leverandoer/", supplier_signup, name="signup_supplier"),
    re_path(
        r"^(?P<page_path>[\w\-/]+/)eksport\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="directory_export",
    ),
]
