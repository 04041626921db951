"""``make loadtest``: 20 clients for 60 s over a realistic mix against the production server
(gunicorn, production settings, Redis), then the same with PostgreSQL restarted mid-run.

Everything runs on loopback: a throwaway PostgreSQL cluster this script starts (never the
shared one), migrated and loaded with the demo data plus generated profiles. Reports errors,
latency, the recovery time after the restart and whether every acknowledged write (an event
registration answered with a redirect) is in the database. Results: bench-results/loadtest.json.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
from redis import Redis

from tests.ops.infra import ROOT, App, Cluster, Visitor, production_env

SEARCHES = ["rengøring", "kantine", "catering", "it", "tøj", "møbler", "grøn", "have", "vask"]
FILTERS = ["", "&region=1084", "&municipality=751", "&target_group=handicap", "&rsv=1"]


@dataclass
class Results:
    started: float = field(default_factory=time.monotonic)
    requests: int = 0
    errors: list = field(default_factory=list)  # (seconds since start, what)
    latencies: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)  # e-mails of registrations answered 302
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds, error=None):
        with self.lock:
            self.requests += 1
            self.latencies.append(seconds)
            if error:
                self.errors.append((round(time.monotonic() - self.started, 2), error))


def client_loop(base, urls, results, deadline, seed, exports=True):
    """One visitor: mostly reads (directory searches, profiles, lists, API), some registrations;
    without ``exports`` the feed takes the CSV export's share."""
    rng = random.Random(seed)
    visitor = Visitor(address=f"198.18.{seed // 250}.{seed % 250 + 1}")
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.12:
            event = rng.choice(urls["events"])
            email = f"load-{uuid.uuid4().hex[:12]}@example.org"
            visitor.address = f"198.19.{rng.randrange(250)}.{rng.randrange(1, 250)}"
            step(visitor, "GET", base + event, results, {200})
            response = step(
                visitor,
                "POST",
                base + event,
                results,
                {302},
                data={
                    "name": "Belastning Test",
                    "email": email,
                    "organisation": "Load",
                    "role": "other",
                    "consent": "on",
                },
            )
            if response is not None and response.status_code == 302:
                with results.lock:
                    results.acknowledged.append(email)
            continue
        if roll < 0.45:
            url = f"/leverandoerer/?q={rng.choice(SEARCHES)}{rng.choice(FILTERS)}"
        elif roll < 0.60:
            url = rng.choice(urls["profiles"])
        elif roll < 0.70:
            url = rng.choice(["/udbudsplan/", "/arrangementer/", "/", "/en/"])
        elif roll < 0.82:
            url = f"/api/v1/suppliers/?q={rng.choice(SEARCHES)}"
        elif roll < 0.90:
            url = f"/soeg/?q={rng.choice(SEARCHES)}"
        else:
            export = "/leverandoerer/eksport.csv?q=kantine" if exports else "/udbudsplan/feed/"
            url = rng.choice([export, "/udbudsplan/feed/"])
        step(visitor, "GET", base + url, results, {200})


def step(visitor, method, url, results, expected, data=None):
    began = time.monotonic()
    try:
        response = visitor.post(url, data) if method == "POST" else visitor.get(url)
    except httpx.HTTPError as error:
        results.record(time.monotonic() - began, f"{method} {url}: {type(error).__name__}")
        return None
    problem = (
        None if response.status_code in expected else f"{method} {url}: {response.status_code}"
    )
    results.record(time.monotonic() - began, problem)
    return response


def run(base, urls, clients, seconds, fault=None, exports=True):
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=client_loop, args=(base, urls, results, deadline, n, exports), daemon=True
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    fault_at = None
    if fault:
        time.sleep(seconds / 3)
        fault_at = round(time.monotonic() - results.started, 2)
        fault()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results, fault_at


def summary(name, results, fault_at, database_url):
    latencies = sorted(results.latencies)
    in_db = registered_emails(database_url)
    lost = [email for email in results.acknowledged if email not in in_db]
    report = {
        "run": name,
        "requests": results.requests,
        "errors": len(results.errors),
        "error_samples": results.errors[:10],
        "p50_ms": round(1000 * latencies[len(latencies) // 2]) if latencies else None,
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]) if latencies else None,
        "acknowledged_writes": len(results.acknowledged),
        "lost_writes": len(lost),
    }
    if fault_at is not None:
        last_error = max((at for at, _ in results.errors), default=None)
        report["restart_at_s"] = fault_at
        report["recovery_s"] = round(max(0.0, last_error - fault_at), 2) if last_error else 0.0
    return report


def registered_emails(database_url):
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT email FROM events_registration WHERE email LIKE 'load-%'")
        return {email for (email,) in rows}


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def discover(base):
    """Profile and event URLs to visit, read from the site like a crawler would."""
    visitor = Visitor()
    html = visitor.get(f"{base}/leverandoerer/").text
    profiles = sorted(set(re.findall(r'href="(/leverandoerer/[a-z0-9-]+/)"', html)))
    html = visitor.get(f"{base}/arrangementer/").text
    events = sorted(set(re.findall(r'href="(/arrangementer/[a-z0-9-]+/)"', html)))
    events = [url for url in events if 'name="consent"' in visitor.get(base + url).text]
    assert profiles and events, "the demo data has profiles and events open for registration"
    return {"profiles": profiles, "events": events}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--profiles", type=int, default=2000, help="generated profiles")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    args = parser.parse_args()

    cluster = Cluster.create()
    work = Path(tempfile.mkdtemp(prefix="sok-load-"))
    prefix = f"loadtest-{uuid.uuid4().hex[:8]}"
    try:
        cluster.start()
        cluster.execute("CREATE DATABASE sok")
        database_url = cluster.url("sok")
        env = production_env(
            DATABASE_URL=database_url,
            REDIS_URL=args.redis_url,
            CACHE_KEY_PREFIX=prefix,
            STATIC_ROOT=str(work / "static"),
            MEDIA_ROOT=str(work / "media"),
            TRUSTED_PROXY_COUNT="1",
            WEB_CONCURRENCY=os.environ.get("WEB_CONCURRENCY", "2"),
            GUNICORN_ACCESS_LOG=str(work / "access.log"),
        )
        print(f"Preparing a throwaway cluster on port {cluster.port} …", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data")
        manage(env, "generate_profiles", "--count", str(args.profiles))
        manage(env, "collectstatic", "--noinput", "-v0")
        reports = []
        with App(env, work / "gunicorn.log", workers=int(env["WEB_CONCURRENCY"])) as app:
            urls = discover(app.url)
            for name, fault in [
                ("no faults", None),
                ("PostgreSQL restarted", lambda: cluster.restart()),
            ]:
                print(f"{name}: {args.clients} clients for {args.seconds} s …", flush=True)
                results, fault_at = run(app.url, urls, args.clients, args.seconds, fault)
                reports.append(summary(name, results, fault_at, database_url))
                print(json.dumps(reports[-1], ensure_ascii=False), flush=True)
        out = ROOT / "bench-results"
        out.mkdir(exist_ok=True)
        (out / "loadtest.json").write_text(json.dumps(reports, indent=2, ensure_ascii=False))
        healthy, faulty = reports
        ok = (
            healthy["errors"] == 0
            and healthy["lost_writes"] == faulty["lost_writes"] == 0
            and faulty["recovery_s"] <= 10
        )
        print(
            "PASS" if ok else "FAIL",
            "— goal: 0 errors without faults, recovery ≤ 10 s, nothing lost",
        )
        return 0 if ok else 1
    finally:
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)
        redis = Redis.from_url(args.redis_url)
        for key in redis.scan_iter(f"{prefix}:*"):
            redis.delete(key)


if __name__ == "__main__":
    sys.exit(main())
