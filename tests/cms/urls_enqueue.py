"""A view that enqueues an e-mail, for the request-id test."""

from django.http import HttpResponse
from django.urls import path

from accounts.emails import send_email


def enqueue(request):
    send_email.enqueue("Emne", "Tekst\n", ["modtager@example.org"])
    return HttpResponse("ok")


urlpatterns = [path("enqueue/", enqueue)]
