"""The embeddable supplier list, under the directory's address in each language."""

from django.urls import path

from .views import widget

urlpatterns = [path("leverandoerer/widget/", widget, name="directory_widget")]
