from django.urls import path

from . import admin_views

app_name = "accounts_admin"

urlpatterns = [
    path("afventer/", admin_views.pending, name="pending"),
    path("<int:pk>/godkend/", admin_views.approve_account, name="approve"),
    path("<int:pk>/afvis/", admin_views.reject_account, name="reject"),
    path("mine-data/", admin_views.my_data, name="my_data"),
    path("mine-data/eksport.json", admin_views.export_my_data, name="export_my_data"),
    path("mine-data/slet/", admin_views.delete_my_account, name="delete_my_account"),
]
