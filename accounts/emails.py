"""E-mails about accounts, rendered in the recipient's language and sent by a background task."""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .groups import EDITORS


@task()
def send_email(subject, body, recipients):
    """Send one plain-text e-mail; runs outside the request that asked for it."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def send_templated(template, context, recipients, language=None):
    """Render ``<template>.txt`` (e.g. ``accounts/emails/approved``; first line: subject) in
    ``language`` and queue it."""
    if not recipients:
        return
    with translation.override(language or translation.get_language()):
        text = render_to_string(f"{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    send_email.enqueue(subject.strip(), body.strip() + "\n", list(recipients))


def editor_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(groups__name=EDITORS) | users.filter(is_superuser=True)
    return sorted(set(editors.values_list("email", flat=True)))


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
