"""Production settings: the shared-cache check, request ids and security headers."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from django.core.management import call_command
from django.test import override_settings

from cms.checks import shared_cache
from cms.request_id import RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}}


def production_check(*args, **env):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEB_CONCURRENCY")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-long-production-like-secret-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "socialoekonomisk.dk",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_several_workers_need_a_shared_cache():
    with override_settings(WEB_CONCURRENCY=2, CACHES=LOCMEM):
        assert [error.id for error in shared_cache(None)] == ["cms.E001"]
    with override_settings(WEB_CONCURRENCY=2, CACHES=REDIS):
        assert shared_cache(None) == []
    with override_settings(WEB_CONCURRENCY=1, CACHES=LOCMEM):
        assert shared_cache(None) == []


def test_production_refuses_two_workers_without_redis_and_deploys_cleanly_with_it():
    refused = production_check("--deploy")
    assert refused.returncode != 0
    assert "cms.E001" in refused.stderr
    assert production_check("--deploy", WEB_CONCURRENCY="1").returncode == 0
    shared = production_check("--deploy", REDIS_URL="redis://127.0.0.1:6379/5")
    assert shared.returncode == 0, shared.stderr
    assert "System check identified no issues (0 silenced)." in shared.stdout


def test_every_response_names_its_request(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxys_request_id_is_kept_only_behind_a_trusted_proxy(client, db, settings):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789")["X-Request-ID"] != (
        "nginx-0123456789"
    )
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789")
    assert response["X-Request-ID"] == "nginx-0123456789"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\nforged log line")
    assert "\n" not in forged["X-Request-ID"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_logs_the_id_of_the_request_that_enqueued_it(client, settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ROOT_URLCONF = "tests.cms.urls_enqueue"
    request_id = client.get("/enqueue/")["X-Request-ID"]
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level("INFO", logger="django_tasks"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=1)
    finished = [r for r in caplog.records if "SUCCESSFUL" in r.getMessage()]
    assert [record.request_id for record in finished] == [request_id]
