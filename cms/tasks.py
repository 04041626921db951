"""Background tasks that survive a dependency being down for a while.

``retried_task`` replaces django-tasks' ``@task()``: when the function raises a transient error
(the mail server, the database or Redis not answering), the same task is queued again with the
same arguments to run after an exponential backoff with jitter, up to ``TASK_RETRY_ATTEMPTS``
attempts in all. Each retry is logged with the request id that queued the first attempt.
Backends that cannot defer (the immediate backend in development and tests) raise as before.
"""

import functools
import logging
import random
import smtplib
from datetime import timedelta

from django_tasks import task

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from .request_id import current_request_id

logger = logging.getLogger(__name__)


def _transient_errors():
    errors = [smtplib.SMTPException, OSError, OperationalError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    else:
        errors += [RedisConnectionError, RedisTimeoutError]
    return tuple(errors)


TRANSIENT_ERRORS = _transient_errors()
ATTEMPT = "_attempt"


def backoff(attempt):
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...): doubling from
    ``TASK_RETRY_BASE_DELAY`` up to ``TASK_RETRY_MAX_DELAY``, times a random 0.5–1."""
    delay = min(settings.TASK_RETRY_BASE_DELAY * 2 ** (attempt - 1), settings.TASK_RETRY_MAX_DELAY)
    return delay * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not a secret


def retried_task(**task_options):
    """Like ``@task(**task_options)``, with retries on transient errors."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except TRANSIENT_ERRORS as error:
                if (
                    attempt >= settings.TASK_RETRY_ATTEMPTS
                    or not wrapped.get_backend().supports_defer
                ):
                    logger.error(
                        "Task %s gave up after attempt %d (request %s): %r",
                        wrapped.name,
                        attempt,
                        current_request_id.get(),
                        error,
                    )
                    raise
                delay = backoff(attempt)
                wrapped.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                    *args, **kwargs, **{ATTEMPT: attempt + 1}
                )
                logger.warning(
                    "Task %s failed on attempt %d (request %s): %r; retry in %.1f s",
                    wrapped.name,
                    attempt,
                    current_request_id.get(),
                    error,
                    delay,
                )
                return None

        wrapped = task(**task_options)(run)
        return wrapped

    return decorate
