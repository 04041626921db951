"""Infrastructure tests: real gunicorn, nginx, Redis and throwaway PostgreSQL clusters on loopback.

They need PostgreSQL (DATABASE_URL), Redis, nginx and Debian's PostgreSQL 15 server binaries;
locally a missing tool skips them, in CI (``CI`` set) it fails them.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import suppress
from http.cookies import SimpleCookie
from pathlib import Path

import dj_database_url
import httpx
import psycopg
import pytest

from django.db import connection, connections

from tests.conftest import REDIS_URL, redis_or_skip

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PG_PORTS = range(55400, 55420)  # throwaway clusters only, never the shared one on 5432


def pytest_collection_modifyitems(config, items):
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


def free_port(candidates=None):
    for port in candidates or [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def wait_for(url, process, timeout=90, verify=True):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited early (code {process.returncode})")
        try:
            if httpx.get(url, timeout=5, verify=verify).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def as_postgres(args, **kwargs):
    """Run a PostgreSQL server binary as the postgres user (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, args)], check=True, capture_output=True, **kwargs)


def own(directory):
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")


class Cluster:
    """A throwaway PostgreSQL 15 cluster in a temporary directory, on a loopback port."""

    def __init__(self, directory, port):
        self.directory = Path(directory)
        self.port = port
        self.data = self.directory / "data"

    @classmethod
    def create(cls):
        need(PG_BIN.joinpath("initdb").exists(), "PostgreSQL 15 server binaries")
        directory = Path(tempfile.mkdtemp(prefix="sok-pg-", dir="/tmp"))  # postgres must reach it
        own(directory)
        cluster = cls(directory, free_port(PG_PORTS))
        as_postgres([PG_BIN / "initdb", "-D", cluster.data, "-U", "postgres", "--auth=trust"])
        return cluster

    def replica(self):
        """A streaming replica of this cluster (pg_basebackup), not yet started."""
        directory = Path(tempfile.mkdtemp(prefix="sok-pg-replica-", dir="/tmp"))
        own(directory)
        standby = Cluster(directory, free_port(p for p in PG_PORTS if p != self.port))
        as_postgres(
            [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres"]
            + ["-D", standby.data, "-R", "-X", "stream"]
        )
        return standby

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} "
            f"-c unix_socket_directories={self.directory}"
        )
        log = self.directory / "server.log"
        as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-l", log, "-o", options, "-w", "start"])

    def stop(self, mode="fast"):
        as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"])

    def destroy(self):
        with suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def execute(self, sql, name="postgres"):
        with psycopg.connect(self.url(name), autocommit=True) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else None


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


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "S3_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "infra-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "WEB_CONCURRENCY": "1",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


class App:
    """One gunicorn instance with production settings."""

    def __init__(self, env, log_path, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"{self.url}/healthz", self.process)
        return self

    def __exit__(self, *exc):
        stop(self.process)
        self.log.close()

    def logged(self):
        return Path(self.log_path).read_text()


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


class Visitor:
    """A browser-like client with its own cookies, also the Secure ones over plain HTTP to an
    app that is told (X-Forwarded-Proto) it sits behind TLS, and an address of its own."""

    def __init__(self, address="203.0.113.10", verify=True):
        self.cookies = {}
        self.address = address
        self.http = httpx.Client(timeout=30, verify=verify, follow_redirects=False)

    def request(self, method, url, **kwargs):
        origin = "https://" + httpx.URL(url).netloc.decode()
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Origin": origin,
            "Referer": origin + "/",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, url, headers=headers, **kwargs)
        for header in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, data=None, **kwargs):
        if "csrftoken" in self.cookies:
            data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **(data or {})}
        return self.request("POST", url, data=data, **kwargs)

    def log_in(self, base, username, password):
        self.get(f"{base}/admin/login/")
        return self.post(f"{base}/admin/login/", {"username": username, "password": password})


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
