"""The directory's file exports, which Wagtail's page routing (slash-terminated) cannot serve."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>[\w\-/]+/)eksport\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="directory_export",
    ),
]
