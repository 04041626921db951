"""Every e-mail the site sends: rendered in the recipient's language as text and HTML, and sent
by a background task once the transaction that asked for it commits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from cms.public import public_url
from cms.tasks import retried_task

from .groups import EDITORS


@retried_task()
def send_email(subject, body, recipients, html="", attachments=(), headers=None):
    """Send one e-mail (with an HTML alternative, attachments given as (name, text, type) and
    extra headers)."""
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, recipients, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def render_email(template, context, language):
    """(subject, text, HTML) of ``<template>.txt`` (first line: the subject) in ``language``;
    the HTML is the text with paragraphs and links."""
    with translation.override(language):
        text = render_to_string(f"{template}.txt", context).strip()
        subject, _, body = text.partition("\n")
        subject, body = " ".join(subject.split()), body.strip() + "\n"
        html = render_to_string(
            "accounts/emails/message.html", {"subject": subject, "body": body, "language": language}
        )
    return subject, body, html


def send_templated(template, context, recipients, language=None, attachments=(), headers=None):
    """Render ``template`` (e.g. ``accounts/emails/approved``) in ``language`` (default: the
    active one) and queue it for ``recipients`` when the current transaction commits."""
    if not recipients:
        return
    subject, body, html = render_email(template, context, language or translation.get_language())
    recipients, attachments = list(recipients), [list(item) for item in attachments]
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject, body, recipients, html=html, attachments=attachments, headers=headers
        )
    )


def templated_message(template, context, recipients, language, headers=None):
    """The e-mail ``send_templated`` would queue, to send at once: for jobs that mark what they
    tell and send it in one transaction (so a failed send marks nothing)."""
    subject, body, html = render_email(template, context, language)
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, list(recipients), headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def unsubscribe_headers(url):
    """RFC 2369 / RFC 8058 headers: mail clients offer one-click unsubscribe by POSTing
    ``List-Unsubscribe=One-Click`` to ``url`` (a signed link that needs no login)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def editor_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(groups__name=EDITORS) | users.filter(is_superuser=True)
    return sorted(set(editors.values_list("email", flat=True)))


def absolute(url):
    return public_url(url)
