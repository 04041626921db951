from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("bekraeft/<str:token>/", views.confirm_email, name="confirm"),
    path("ny-bekraeftelse/", views.resend_confirmation_email, name="resend_confirmation"),
]
