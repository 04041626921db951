"""Browser tests: Playwright drives Debian's Chromium against a real server on demo data.

The server runs in its own process on its own database (``<test db>_e2e`` on PostgreSQL, a
temporary file on SQLite), migrated and loaded with ``load_demo_data`` once per session.
E-mails go to files, so a test can open a confirmation link the way a user would.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from playwright.sync_api import sync_playwright

from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Marks every browser test before ``-m`` deselects (a ``pytestmark`` here would not apply).
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


def pytest_collection_finish(session):
    # Only the browser tests still selected after ``-m`` need Chromium.
    browser_tests = [item for item in session.items if item.get_closest_marker("e2e")]
    if not browser_tests or CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "CI is set but /usr/bin/chromium is missing: browser tests must run"
        )
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
    for item in browser_tests:
        item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database_url(tmp_path_factory, django_db_blocker):
    """On PostgreSQL a copy of the worker's migrated test database while it holds what the
    migrations loaded (the browser tests run first on their worker, before a test that flushes
    the database): ``migrate`` then finds nothing to do, instead of taking 40 s to build the
    schema again."""
    from wagtail.models import Locale

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path_factory.mktemp('e2e-db') / 'e2e.sqlite3'}"
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_e2e{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    test_database = connection.settings_dict["NAME"]
    # pytest-django sets up the test database only when a selected test uses the database.
    with django_db_blocker.unblock():
        intact = test_database != config["NAME"] and Locale.objects.exists()
    template = f' TEMPLATE "{test_database}"' if intact else ""
    connections.close_all()  # a template database must have no other session
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    return url.rsplit("/", 1)[0] + f"/{name}"


def text_of(message):
    """The plain-text part of an e-mail (every e-mail also has an HTML part)."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


class Server:
    """The running site plus helpers to act on its database and read its mail."""

    def __init__(self, url, env, mail_dir):
        self.url = url
        self.env = env
        self.mail_dir = mail_dir

    def manage(self, *args, input=None):
        """Run a management command against the server's database; returns stdout."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        """Run Python in ``manage.py shell`` on the server's database; returns stdout."""
        return self.manage("shell", "--no-imports", "-c", code)

    def emails(self, to=None):
        """E-mails sent so far (oldest first), optionally only those to one address."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_bytes().split(b"-" * 79 + b"\n"):
                if raw.strip():
                    message = message_from_bytes(raw.strip() + b"\n")
                    if to is None or to in message.get("To", ""):
                        messages.append(message)
        return messages


@pytest.fixture(scope="session")
def server(tmp_path_factory, django_db_setup, django_db_blocker):
    mail_dir = tmp_path_factory.mktemp("mail")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _e2e_database_url(tmp_path_factory, django_db_blocker),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "PYTHONUNBUFFERED": "1",
    }
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["WAGTAILADMIN_BASE_URL"] = url
    srv = Server(url, env, mail_dir)
    srv.manage("migrate", "--noinput", "-v0")
    srv.manage("load_demo_data")
    log = open(tmp_path_factory.mktemp("log") / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(f"{url}/healthz", process)
        yield srv
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the e2e server exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the e2e server did not answer {url} within {timeout}s")


@pytest.fixture(scope="session")
def browser(server):
    # After the server: its database is copied from the test database, which Django refuses
    # to touch inside Playwright's event loop. That loop runs in this thread until the session
    # ends, while the worker goes on with the tests after the browser tests: all synchronous
    # (the project has no async code), so Django's check for async contexts is turned off.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser tab (own cookies) at desktop width, with the server as base URL."""
    context = browser.new_context(base_url=server.url, viewport=DESKTOP, locale="da-DK")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def mobile_page(browser, server):
    context = browser.new_context(base_url=server.url, viewport=MOBILE, locale="da-DK")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def assert_accessible(page):
    """axe-core (WCAG 2.0/2.1 A and AA rules) finds no violations on the current page."""
    page.evaluate(AXE_JS.read_text())  # not a <script> tag: the site's CSP allows none
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}"
