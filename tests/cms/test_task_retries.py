"""Tasks retry with backoff while a dependency is down: with a real SMTP server stopped mid-run,
every e-mail queued arrives once it is back."""

import contextlib
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.db import connections

from accounts.emails import send_email
from cms.tasks import backoff

from ..conftest import requires_postgres

pytestmark = [requires_postgres, pytest.mark.xdist_group("task_retries")]


class Inbox:
    def __init__(self):
        self.subjects = []

    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.decode("utf-8", "replace").splitlines():
            if line.startswith("Subject: "):
                self.subjects.append(line.removeprefix("Subject: "))
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.fixture
def smtp_and_worker(settings):
    """A real SMTP server on a free loopback port, the database task backend and a worker."""
    port = free_port()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.TASK_RETRY_BASE_DELAY, settings.TASK_RETRY_MAX_DELAY = 0.2, 1
    settings.TASK_RETRY_ATTEMPTS = 100
    inbox = Inbox()
    worker = Worker(
        queue_names=["*"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def work():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    servers = []

    def start_smtp():
        servers.append(Controller(inbox, hostname="127.0.0.1", port=port))
        servers[-1].start()

    start_smtp()
    yield inbox, start_smtp, servers
    worker.running = False
    thread.join(timeout=10)
    for server in servers:
        with contextlib.suppress(AssertionError):  # already stopped
            server.stop()


def queue(*subjects):
    for subject in subjects:
        send_email.enqueue(subject, "Hej\n", ["ny@example.org"])


# The worker thread needs committed rows; the rollback restores the groups the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_email_arrives_after_the_mail_server_comes_back(smtp_and_worker):
    inbox, start_smtp, servers = smtp_and_worker
    queue("Besked 1", "Besked 2")
    assert wait_for(lambda: len(inbox.subjects) == 2)

    servers[-1].stop()
    queue("Besked 3", "Besked 4", "Besked 5")
    retried = DBTaskResult.objects.filter(args_kwargs__kwargs___attempt__gte=3)
    assert wait_for(retried.exists), "no task was retried while the server was down"
    assert len(inbox.subjects) == 2

    start_smtp()
    assert wait_for(lambda: len(inbox.subjects) == 5)
    assert sorted(inbox.subjects) == [f"Besked {n}" for n in range(1, 6)]
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


def test_backoff_doubles_with_jitter_up_to_the_maximum(settings):
    settings.TASK_RETRY_BASE_DELAY, settings.TASK_RETRY_MAX_DELAY = 30, 3600
    assert 15 <= backoff(1) <= 30
    assert 60 <= backoff(3) <= 120
    assert 1800 <= backoff(20) <= 3600
