"""The buyer sign-up, saved searches, the alert unsubscribe, and the OCDS file at a .json URL
Wagtail's page pattern does not match."""

from django.urls import path, re_path

from wagtail.views import serve

from accounts.signup import done_view

from . import alert_views, saved_search_views, views


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
    path("gemte-soegninger/", saved_search_views.save_search, name="saved_search_save"),
    path("gemte-soegninger/sendt/", saved_search_views.search_sent, name="saved_search_sent"),
    path(
        "gemte-soegninger/bekraeft/<str:token>/",
        saved_search_views.confirm,
        name="saved_search_confirm",
    ),
    path(
        "gemte-soegninger/mine/<str:token>/",
        saved_search_views.saved_search_list,
        name="saved_search_list",
    ),
    path(
        "gemte-soegninger/afmeld/<str:token>/",
        saved_search_views.unsubscribe,
        name="saved_search_unsubscribe",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)ocds\.json$", serve_ocds, name="procurement_ocds"),
]
