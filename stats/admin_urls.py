from django.urls import path

from . import admin_views

app_name = "stats_admin"
urlpatterns = [
    path("koe/", admin_views.queue, name="queue"),
    path("paamindelser/", admin_views.send_reminders, name="send_reminders"),
]
