"""A request id for every request, in its response, its log lines and the tasks it enqueues.

Behind trusted proxies the id nginx sent (``X-Request-ID``) is kept, so the proxy's and the
app's log lines match; otherwise a new one is made.
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings

VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
current_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        trusted = settings.TRUSTED_PROXY_COUNT > 0 and VALID_ID.fullmatch(incoming)
        request.id = incoming if trusted else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record ("-" outside a request or task)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


def remember_request_id(sender, instance, **kwargs):
    """A task enqueued during a request carries the request's id in its stored arguments."""
    if instance._state.adding and current_request_id.get() != "-":
        instance.args_kwargs = {**instance.args_kwargs, "request_id": current_request_id.get()}


def log_as_request(sender, task_result, **kwargs):
    """While the worker runs a task, its log lines name the request that enqueued it."""
    db_result = getattr(task_result, "db_result", None)
    if db_result is not None:
        current_request_id.set(db_result.args_kwargs.get("request_id", "-"))


def forget_request(sender, task_result, **kwargs):
    if getattr(task_result, "db_result", None) is not None:
        current_request_id.set("-")
