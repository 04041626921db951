"""The buyer sign-up, and the OCDS file at a .json URL Wagtail's page pattern does not match."""

from django.urls import path, re_path

from wagtail.views import serve

from accounts.signup import done_view

from . import alert_views, views


def serve_ocds(request, path):
    """Hand /<page path>/ocds.json to that page's ``ocds.json/`` route."""
    return serve(request, f"{path}ocds.json/")


urlpatterns = [
    path("opret/ordregiver/", views.buyer_signup, name="buyer_signup"),
    path(
        "opret/ordregiver/tak/",
        done_view,
        {"template": "procurement/buyer_signup_done.html", "form_url_name": "buyer_signup"},
        name="buyer_signup_done",
    ),
    path(
        "udbudsvarsler/afmeld/<str:token>/",
        alert_views.unsubscribe_view,
        name="procurement_unsubscribe",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)ocds\.json$", serve_ocds, name="procurement_ocds"),
]
