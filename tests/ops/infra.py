"""Real servers on loopback for the infrastructure tests and ``make loadtest``: throwaway
PostgreSQL clusters, gunicorn with production settings, and a visitor with its own cookies.
No pytest or Django here, so the load test can use it as a plain script."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from http.cookies import SimpleCookie
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORTS = range(55400, 55420)  # throwaway clusters only, never the shared one on 5432


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
        directory = Path(tempfile.mkdtemp(prefix="sok-pg-", dir="/tmp"))  # postgres must reach it
        own(directory)
        cluster = cls(directory, free_port(PG_PORTS))
        as_postgres([PG_BIN / "initdb", "-D", cluster.data, "-U", "postgres", "--auth=trust"])
        return cluster

    def replica(self):
        """A streaming replica of this cluster (pg_basebackup), not yet started.

        With an immediate checkpoint: the default spread one paces its writes over
        checkpoint_completion_target x checkpoint_timeout (0.9 x 5 min), however little there is
        to write, so the copy waited about two and a half minutes for it."""
        directory = Path(tempfile.mkdtemp(prefix="sok-pg-replica-", dir="/tmp"))
        own(directory)
        standby = Cluster(directory, free_port(p for p in PG_PORTS if p != self.port))
        as_postgres(
            [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres"]
            + ["-D", standby.data, "-R", "-X", "stream", "--checkpoint=fast"]
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

    def restart(self):
        """A fast restart, as after a crash or an upgrade: every connection is cut."""
        self.stop("fast")
        self.start()

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
