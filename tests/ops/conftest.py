"""Infrastructure tests: real gunicorn, nginx, Redis and throwaway PostgreSQL clusters on loopback.

They need PostgreSQL (DATABASE_URL), Redis, nginx and Debian's PostgreSQL 15 server binaries;
locally a missing tool skips them, in CI (``CI`` set) it fails them.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from django.db import connection, connections

from tests.conftest import REDIS_URL, redis_or_skip

from .infra import (  # noqa: F401  (the tests import them from here)
    PG_BIN,
    ROOT,
    App,
    Cluster,
    Visitor,
    free_port,
    production_env,
    stop,
    wait_for,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Marks every infrastructure test before ``-m`` deselects.
    for item in items:
        if "tests/ops/" in str(item.fspath):
            item.add_marker(pytest.mark.infra)
            item.add_marker(pytest.mark.xdist_group("infra"))


def need(condition, what):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {what} is missing: the infrastructure tests must run")
    pytest.skip(f"{what} is missing")


@pytest.fixture(autouse=True)
def _server_binaries(request):
    if "clusters" in request.fixturenames:
        need(PG_BIN.joinpath("initdb").exists(), "PostgreSQL 15 server binaries")


def copy_test_database(target_url):
    """The migrated test database (pytest-django's), copied into ``target_url``'s database."""
    source = connection.settings_dict
    connections.close_all()
    dump = subprocess.run(
        [
            "pg_dump",
            "--no-owner",
            "-h",
            source["HOST"] or "127.0.0.1",
            "-p",
            str(source["PORT"] or 5432),
        ]
        + ["-U", source["USER"] or "postgres", source["NAME"]],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", target_url],
        input=dump,
        check=True,
        capture_output=True,
    )


def build_site(database_url):
    """Home, directory and event pages, one profile, an editor and an owner (tests.ops.sitedata),
    with production's password hashers (development settings), not the tests' fast one."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.sitedata"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic with production settings, once per session."""
    root = tmp_path_factory.mktemp("static")
    env = {**production_env(), "STATIC_ROOT": str(root)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return root


@pytest.fixture
def shared_state(tmp_path):
    """Environment for app instances sharing Redis (a key prefix of their own) and media."""
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    need(shutil.which("pg_dump"), "pg_dump")
    client = redis_or_skip()
    prefix = f"infra-{uuid.uuid4().hex[:12]}"
    media = tmp_path / "media"
    media.mkdir()
    yield {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix, "MEDIA_ROOT": str(media)}
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def ops_database(db):
    """A database on the shared server of its own, a copy of the migrated test database."""
    config = connection.settings_dict
    name = f"{config['NAME']}_infra"
    admin = dj_database_url.parse(os.environ["DATABASE_URL"])
    host, port = admin["HOST"] or "127.0.0.1", admin["PORT"] or 5432
    base = f"postgres://{admin['USER'] or 'postgres'}@{host}:{port}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{base}/{name}"
    copy_test_database(url)
    yield url
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Nginx:
    """Debian's nginx with deploy/nginx/socialoekonomisk.conf and locations.conf, moved to
    loopback ports, a temporary directory and a self-signed certificate."""

    def __init__(self, directory, apps, static_root, media_root):
        need(Path(NGINX).exists(), "nginx")
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        cert, key = self.directory / "cert.pem", self.directory / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        locations = (ROOT / "deploy/nginx/locations.conf").read_text()
        locations = locations.replace("/srv/socialoekonomisk/staticfiles/", f"{static_root}/")
        locations = locations.replace("/srv/socialoekonomisk/media/", f"{media_root}/")
        (self.directory / "locations.conf").write_text(locations)
        site = (ROOT / "deploy/nginx/socialoekonomisk.conf").read_text()
        servers = "".join(f"    server 127.0.0.1:{app.port};\n" for app in apps)
        replacements = {
            "    server 127.0.0.1:8000 max_fails=3 fail_timeout=10s;\n": servers,
            "    listen 80;": f"    listen 127.0.0.1:{free_port()};",
            "    listen [::]:80;\n": "",
            "    listen 443 ssl http2;": f"    listen 127.0.0.1:{self.port} ssl http2;",
            "    listen [::]:443 ssl http2;\n": "",
            "/etc/letsencrypt/live/socialoekonomisk.dk/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/socialoekonomisk.dk/privkey.pem": str(key),
            "/var/log/nginx/socialoekonomisk.access.log": str(self.directory / "access.log"),
            "/srv/socialoekonomisk/app/deploy/nginx/locations.conf": str(
                self.directory / "locations.conf"
            ),
        }
        for old, new in replacements.items():
            assert old in site, f"deploy/nginx/socialoekonomisk.conf no longer has {old!r}"
            site = site.replace(old, new)
        (self.directory / "site.conf").write_text(site)
        temp = self.directory / "temp"
        temp.mkdir()
        (self.directory / "nginx.conf").write_text(
            f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {self.directory}/nginx.pid;
error_log {self.directory}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.directory}/site.conf;
}}
"""
        )

    def __enter__(self):
        config = str(self.directory / "nginx.conf")
        checked = subprocess.run(
            [NGINX, "-t", "-c", config, "-e", str(self.directory / "error.log")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(
            [NGINX, "-c", config, "-e", str(self.directory / "error.log"), "-g", "daemon off;"]
        )
        wait_for(f"{self.url}/healthz", self.process, verify=False)
        return self

    def __exit__(self, *exc):
        stop(self.process)
