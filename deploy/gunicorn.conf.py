"""gunicorn settings for production (``make serve``, deploy/systemd/socialoekonomisk-web.service).

Every value can be changed from the environment; docs/deploy.md explains them.
"""

import ctypes
import os
from contextlib import suppress

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The same variable tells Django how many workers share the cache (cms.checks).
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
# Threaded workers: the main thread tells the arbiter it is alive while requests run, so a long
# streamed export is never killed; ``timeout`` only catches a worker that hangs as a whole.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, spread out by the jitter. Not often: a new worker builds its
# directory bitmaps again (1.5 s at 100,000 profiles), and a client's request on a keep-alive
# connection of the worker leaving is dropped (2,000 made that once every 100 s under load).
max_requests = 20000
max_requests_jitter = 2000
preload_app = True  # load Django once, before forking: fast restarts, shared memory
# glibc gives each thread a malloc arena of its own and keeps what is freed there, so with
# gthread a worker grows by what its largest requests left in each; two arenas are enough for
# threads that mostly wait on the database. Set here (before the workers fork) unless
# MALLOC_ARENA_MAX is in the environment, which glibc reads itself.
M_ARENA_MAX = -8  # mallopt's parameter number
if "MALLOC_ARENA_MAX" not in os.environ:
    with suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# One line per request; the request id is the one in X-Request-ID (set by cms.request_id).
access_log_format = (
    'request_id=%({x-request-id}o)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
)


def on_starting(server):
    """Run Django's system checks (deployment checks included) before any worker starts, with
    the real number of workers: a misconfiguration stops the server here."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from cms import memory

    settings.WEB_CONCURRENCY = server.cfg.workers
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as error:
        raise RuntimeError(f"Django's system checks failed:\n{error}") from None
    memory.give_back()  # what the checks freed, before the workers fork


def post_request(worker, req, environ, resp):
    """Freed memory back to the system after each request (0.2 ms): a worker's memory stays
    near what it holds, not what its largest request once took."""
    from cms import memory

    memory.give_back()
