"""The public APIs, mounted outside the language prefix."""

from django.urls import path, re_path

from .middleware import not_found
from .v1 import api
from .wagtail_api import router

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/cms/v2/", router.urls),
    re_path(r"^api/(?P<path>.*)$", not_found),
]
