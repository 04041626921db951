"""``make bench``: the site at two sizes side by side, under gunicorn with production settings.

Each size has a PostgreSQL database of its own on the shared server (``bench_1k``, ``bench_100k``;
made from ``bench_template``, which is migrated and holds the demo data), filled by
``bench.prepare`` and kept between runs. Both are served at once, two workers each, with the
SQL count header on (``SQL_COUNT_HEADER=1``, ``cms.query_count``) and a Redis key prefix each.
Every route is requested alternately at each size; the table gives p50/p95 per size, the ratio
p50(large)/p50(small) and the SQL queries per request. Then the exports (seconds, rows/s, the
worker's peak RSS, bytes, cut off or not), the load test (``tests.ops.loadtest``'s clients, with
and without exports), and matching and digests (``bench.matching``) on the large database.
Results: a table on stdout and ``bench/results/<UTC time>.json``.

Environment: ``BENCH_SIZES`` (default ``1000,100000``), ``BENCH_QUICK=1`` (200 and 2000
profiles, fewer samples, a 10 s load test), ``BENCH_SAMPLES``, ``BENCH_LOAD_SECONDS``,
``BENCH_PARTS`` (default ``routes,exports,load,matching``), ``BENCH_PG`` (server URL, default
``postgres://postgres@127.0.0.1:5432``), ``BENCH_REDIS_URL``
(default ``redis://127.0.0.1:6379/9``).
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psycopg
from redis import Redis

from tests.ops import loadtest
from tests.ops.infra import ROOT, App, production_env

QUICK = os.environ.get("BENCH_QUICK") == "1"
SIZES = [
    int(s) for s in os.environ.get("BENCH_SIZES", "200,2000" if QUICK else "1000,100000").split(",")
]
SAMPLES = int(os.environ.get("BENCH_SAMPLES", 3 if QUICK else 10))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 10 if QUICK else 60))
LOAD_CLIENTS = 20
PARTS = set(os.environ.get("BENCH_PARTS", "routes,exports,load,matching").split(","))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
TEMPLATE = "bench_template"
WORK = ROOT / "build" / "bench"
RESULTS = ROOT / "bench" / "results"
# What a search keeps in the cache (directory.queries, directory.suggestions, procurement.search);
# a "new" request starts without them.
SEARCH_KEYS = (
    "directory-ranked:",
    "directory-matched:",
    "directory-facets:",
    "directory-suggest:",
    "tender-",
)
ALERT_USERS = 10_000  # SØV users with daily digests in the largest database (issue 15)


def label(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def database_url(name):
    return f"{PG}/{name}"


def env_for(name, size=None, **extra):
    return production_env(
        DATABASE_URL=database_url(name),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"bench-{label(size) if size else name}",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        TRUSTED_PROXY_COUNT="1",
        SQL_COUNT_HEADER="1",
        PYTHONPATH=str(ROOT),
        **extra,
    )


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def databases():
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        return {name for (name,) in conn.execute("SELECT datname FROM pg_database")}


def create_database(name, template=None):
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        suffix = f" TEMPLATE {template}" if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{suffix}')


def prepare(sizes):
    """Each size's database, migrated, with the demo data and its synthetic rows."""
    timings = {}
    if TEMPLATE not in databases():
        print(f"Creating {TEMPLATE}: migrate and demo data …", flush=True)
        create_database(TEMPLATE)
        env = env_for(TEMPLATE)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data")
    for size in sizes:
        name = f"bench_{label(size)}"
        if name not in databases():
            create_database(name, template=TEMPLATE)
        env = env_for(name, size)
        manage(env, "migrate", "--noinput", "-v0")
        alert_users = min(ALERT_USERS, size // 10) if size == max(sizes) else 0
        print(
            f"{name}: {size} profiles, {size // 10} entries, {alert_users} alert users", flush=True
        )
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-m", "bench.prepare", "--profiles", str(size)]
            + ["--entries", str(size // 10), "--alert-users", str(alert_users)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        print(output, end="", flush=True)
        generated = json.loads(output.strip().splitlines()[-1])
        record = WORK / f"generation-{label(size)}.json"  # the data stays, so its timing too
        if generated:
            generated["total_s"] = round(time.perf_counter() - started, 1)
            record.write_text(json.dumps(generated))
        timings[label(size)] = json.loads(record.read_text()) if record.exists() else {}
    return timings


DIRECTORY_STATES = [
    ("no query", {}),
    ("CPV filter", {"cpv": "90000000"}),
    ("municipality filter", {"municipality": "751"}),
    ("region filter", {"region": "1084"}),
    ("target group filter", {"target_group": "handicap"}),
    ("RSV filter", {"rsv": "1"}),
    ("reserved filter", {"reserved": "1"}),
    ("consortia filter", {"consortia": "1"}),
    ("filters combined", {"cpv": "90000000", "region": "1084", "rsv": "1"}),
    ("broad query", {"q": "rengøring"}),
    ("narrow query", {"q": "polstring af stole"}),
    ("no query, page 50", {"page": "50"}),
    ("broad query, page 50", {"q": "rengøring", "page": "50"}),
    ("newest first", {"sort": "newest"}),
    ("broad query, newest first", {"q": "rengøring", "sort": "newest"}),
]
EXPORTS = [
    ("full CSV", "/leverandoerer/eksport.csv"),
    ("full XLSX", "/leverandoerer/eksport.xlsx"),
    ("CSV ?q=rengøring", "/leverandoerer/eksport.csv?q=rengøring"),
    ("CSV ?q=kaffe", "/leverandoerer/eksport.csv?q=kaffe"),  # ~4,400 rows at 100k
]


class Server:
    """One size's gunicorn (two workers), its Redis key prefix and a client."""

    def __init__(self, size, stack):
        self.size, self.label = size, label(size)
        self.database = f"bench_{self.label}"
        self.prefix = f"bench-{self.label}"
        env = env_for(self.database, size, GUNICORN_ACCESS_LOG=str(WORK / f"{self.label}.access"))
        self.app = stack.enter_context(App(env, WORK / f"{self.label}.log", workers=2))
        self.http = httpx.Client(timeout=300, follow_redirects=False)
        self.redis = Redis.from_url(REDIS_URL)
        self.hits = 0

    def url(self, path, params=None):
        return self.app.url + path + (f"?{urlencode(params)}" if params else "")

    def get(self, path, params=None):
        """(milliseconds, response) for one request from an address of its own."""
        self.hits += 1
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.18.{self.hits % 250}.1"}
        started = time.perf_counter()
        response = self.http.get(self.url(path, params), headers=headers)
        return (time.perf_counter() - started) * 1000, response

    def forget_searches(self):
        """Delete what earlier searches left in the cache (rankings, counts, suggestions), so the
        next request is a search nobody made before; the site's own look-ups stay."""
        keys = [
            key
            for pattern in SEARCH_KEYS
            for key in self.redis.scan_iter(f"{self.prefix}:*{pattern}*", count=1000)
        ]
        if keys:
            self.redis.delete(*keys)

    def workers(self):
        pid = self.app.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in children]

    def sample_paths(self):
        """A synthetic profile, tender plan entry and API detail URL of this database."""
        with psycopg.connect(database_url(self.database)) as conn:
            slug, pk = conn.execute(
                "SELECT slug, id FROM directory_supplierprofile WHERE live AND slug LIKE "
                "'syntetisk-%%' ORDER BY id LIMIT 1"
            ).fetchone()
            (entry,) = conn.execute(
                "SELECT id FROM procurement_tenderplanentry WHERE live AND contact_email LIKE "
                "'%%@syntetisk.invalid' ORDER BY id LIMIT 1"
            ).fetchone()
        _ms, response = self.get(f"/udbudsplan/{entry}/")
        entry_path = httpx.URL(response.headers.get("location", f"/udbudsplan/{entry}/")).path
        return {"profile": f"/leverandoerer/{slug}/", "entry": entry_path, "api": pk}


def routes(paths):
    """(name, path, params, kinds) for every measured route; ``paths`` from ``sample_paths``."""
    listed = [
        (f"directory: {n}", "/leverandoerer/", p, ("new", "repeated")) for n, p in DIRECTORY_STATES
    ]
    return listed + [
        ("profile page", paths["profile"], None, ("repeated",)),
        ("tender plan", "/udbudsplan/", None, ("new", "repeated")),
        (
            "tender plan, filtered",
            "/udbudsplan/",
            {"cpv": "90000000", "status": "planned"},
            ("new", "repeated"),
        ),
        ("tender entry", paths["entry"], None, ("repeated",)),
        ("API list", "/api/v1/suppliers/", None, ("repeated",)),
        ("API detail", f"/api/v1/suppliers/{paths['api']}/", None, ("repeated",)),
        ("site search", "/soeg/", {"q": "rengøring"}, ("repeated",)),
    ]


def measure_routes(servers):
    """p50/p95 per size, the ratio and SQL queries per request, every route and kind."""
    own = {server.size: routes(server.sample_paths()) for server in servers}
    table = []
    for index, (name, _path, params, kinds) in enumerate(own[servers[0].size]):
        path = {server.size: own[server.size][index][1] for server in servers}
        for kind in kinds:
            timings = {server.size: [] for server in servers}
            queries = {server.size: set() for server in servers}
            statuses = {server.size: set() for server in servers}
            shown = {}  # results on the page (<article>): a small database may have fewer
            for server in servers:  # the first request fills the caches
                shown[server.size] = server.get(path[server.size], params)[1].text.count("<article")
            for _sample in range(SAMPLES):
                for server in servers:  # alternately: load on the machine hits both alike
                    if kind == "new":
                        server.forget_searches()
                    ms, response = server.get(path[server.size], params)
                    timings[server.size].append(ms)
                    queries[server.size].add(int(response.headers.get("x-sql-queries", -1)))
                    statuses[server.size].add(response.status_code)
            row = {"route": name, "kind": kind, "params": params or {}}
            for server in servers:
                row[server.label] = {
                    "p50_ms": round(percentile(timings[server.size], 50), 1),
                    "p95_ms": round(percentile(timings[server.size], 95), 1),
                    "sql": sorted(queries[server.size]),
                    "status": sorted(statuses[server.size]),
                    "shown": shown[server.size],
                }
            small, large = servers[0].label, servers[-1].label
            row["ratio"] = round(row[large]["p50_ms"] / row[small]["p50_ms"], 2)
            table.append(row)
            print(table_line(row, servers), flush=True)
    return table


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def table_header(servers):
    sizes = "".join(f"{'p50 ' + s.label:>10}{'p95 ' + s.label:>10}" for s in servers)
    labels = " / ".join(s.label for s in servers)
    return f"{'route':<44}{'kind':<10}{sizes}{'ratio':>7}  SQL ({labels})"


def table_line(row, servers):
    cells = "".join(
        f"{row[s.label]['p50_ms']:>10.0f}{row[s.label]['p95_ms']:>10.0f}" for s in servers
    )
    sql = " / ".join(",".join(map(str, row[s.label]["sql"])) for s in servers)
    bad = [code for s in servers for code in row[s.label]["status"] if code != 200]
    note = f"  HTTP {sorted(set(bad))}" if bad else ""
    if len({row[s.label]["shown"] for s in servers}) > 1:
        note += "  results shown " + " / ".join(str(row[s.label]["shown"]) for s in servers)
    return f"{row['route']:<44}{row['kind']:<10}{cells}{row['ratio']:>7.2f}  {sql}{note}"


def peak_rss_mb(pids):
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:  # a worker killed (timeout) and replaced
            continue
        peaks += [
            int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")
        ]
    return max(peaks, default=0.0)


def measure_export(server, name, path):
    """Seconds, rows, rows/s, bytes, the workers' peak RSS and whether the body was cut off."""
    workers = server.workers()
    for pid in workers:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak starts again from now
    peak, done = [0.0], threading.Event()

    def sample():  # a killed worker takes its peak with it: look while it runs
        while not done.wait(0.2):
            peak[0] = max(peak[0], peak_rss_mb(server.workers()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    received, lines, cut_off, status = 0, 0, False, None
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.19.0.1"}
    started = time.perf_counter()
    try:
        with server.http.stream("GET", server.app.url + path, headers=headers) as response:
            status = response.status_code
            for chunk in response.iter_bytes():
                received += len(chunk)
                lines += chunk.count(b"\n")
    except httpx.HTTPError:
        cut_off = True
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    peak[0] = max(peak[0], peak_rss_mb(workers + server.workers()))
    csv = path.split("?")[0].endswith(".csv")
    rows = max(lines - 1, 0) if csv else None  # less the header line
    return {
        "export": name,
        "size": server.label,
        "status": status,
        "seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_s": round(rows / seconds) if rows else None,
        "bytes": received,
        "peak_rss_mb": round(peak[0], 1),
        "cut_off": cut_off,
    }


SEARCH_EXPORT_RUNS = 3  # a search's export: the median of three, each a search nobody made before


def measure_search_export(server, name, path):
    runs = []
    for _run in range(SEARCH_EXPORT_RUNS):
        server.forget_searches()
        runs.append(measure_export(server, name, path))
    line = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {**line, "peak_rss_mb": max(run["peak_rss_mb"] for run in runs), "runs": len(runs)}


def measure_exports(servers):
    lines, full = [], {}
    for name, path in EXPORTS:
        for server in servers:
            measure = measure_search_export if "?q=" in path else measure_export
            line = measure(server, name, path)
            if name == "full CSV" and not line["cut_off"]:
                full[server.label] = line["rows"]
            elif line["rows"] is None and not line["cut_off"] and full.get(server.label):
                line["rows"] = full[server.label]  # the XLSX has the CSV's rows
                line["rows_per_s"] = round(line["rows"] / line["seconds"])
            lines.append(line)
            print(
                f"export {name:<18} {server.label:>5}: {line['seconds']:7.2f} s  "
                f"{line['rows'] if line['rows'] is not None else '-':>7} rows  "
                f"{line['rows_per_s'] or '-':>7} rows/s  {line['bytes'] / 1e6:7.1f} MB  "
                f"peak RSS {line['peak_rss_mb']:6.0f} MB  HTTP {line['status']}"
                + ("  CUT OFF" if line["cut_off"] else ""),
                flush=True,
            )
    return lines


def load_test(server):
    """``tests.ops.loadtest``'s clients against one size, with and without exports."""
    urls = loadtest.discover(server.app.url)
    lines = []
    try:
        for exports in (False, True):
            results, _fault = loadtest.run(
                server.app.url, urls, LOAD_CLIENTS, LOAD_SECONDS, exports=exports
            )
            latencies = sorted(results.latencies) or [0]
            lines.append(
                {
                    "size": server.label,
                    "exports": exports,
                    "clients": LOAD_CLIENTS,
                    "seconds": LOAD_SECONDS,
                    "requests": results.requests,
                    "per_s": round(results.requests / LOAD_SECONDS, 1),
                    "errors": len(results.errors),
                    "error_samples": results.errors[:5],
                    "p50_ms": round(1000 * latencies[len(latencies) // 2]),
                    "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]),
                }
            )
            line = lines[-1]
            print(
                f"load {server.label} {'with' if exports else 'without'} exports: "
                f"{line['clients']} clients, {line['seconds']} s: {line['requests']} requests, "
                f"{line['per_s']} req/s, {line['errors']} errors, p50 {line['p50_ms']} ms, "
                f"p95 {line['p95_ms']} ms",
                flush=True,
            )
    finally:
        with psycopg.connect(database_url(server.database)) as conn:
            conn.execute("DELETE FROM events_registration WHERE email LIKE 'load-%%'")
    with_exports, without = lines[1]["per_s"], lines[0]["per_s"]
    return {
        "runs": lines,
        "throughput_ratio": round(with_exports / without, 2) if without else None,
    }


def matching(size):
    """``bench.matching`` on one size's database (its own process, production settings)."""
    entries = 5 if QUICK else int(os.environ.get("BENCH_MATCH_ENTRIES", 10))
    digest = int(os.environ.get("BENCH_DIGEST_ENTRIES", 5 if QUICK else 50))
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.matching",
            "--entries",
            str(entries),
            "--digest-entries",
            str(digest),
        ],
        cwd=ROOT,
        env=env_for(f"bench_{label(size)}", size),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    m, d = result["matching"], result["digests"]
    print(
        f"matching 1 entry vs {result['profiles']} profiles: p50 {m['p50_ms']} ms, "
        f"p95 {m['p95_ms']} ms, SQL per entry {m['sql_per_entry']}, "
        f"peak RSS +{m['peak_rss_mb']} MB ({m['entries']} entries)",
        flush=True,
    )
    print(
        f"daily digests, {d['new_entries']} new entries: {d['alerts_queued']} alerts for "
        f"{d['alert_users']} users, {d['emails_sent']} e-mails; queueing "
        f"p50 {d['queue_p50_ms']} ms p95 {d['queue_p95_ms']} ms per entry "
        f"({d['queue_total_s']} s), sending {d['send_total_s']} s, total {d['total_s']} s, "
        f"{d['sql']} SQL, peak RSS +{d['peak_rss_mb']} MB",
        flush=True,
    )
    return result


def machine():
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    with psycopg.connect(database_url("postgres")) as conn:
        (version,) = conn.execute("SHOW server_version").fetchone()
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(int(memory) / 1024 / 1024, 1),
        "postgresql": version,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    result = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "quick": QUICK}
    result["machine"] = machine()
    result["generation"] = prepare(SIZES)
    if "--prepare-only" in sys.argv:
        return 0
    manage(env_for(TEMPLATE), "collectstatic", "--noinput", "-v0")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"

    def save():  # after every part: a run stopped early keeps what it measured
        result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        result["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False))

    with ExitStack() as stack:
        servers = [Server(size, stack) for size in SIZES]
        if "routes" in PARTS:
            print(table_header(servers), flush=True)
            result["routes"] = measure_routes(servers)
            save()
        if "exports" in PARTS:
            result["exports"] = measure_exports(servers)
            save()
        if "load" in PARTS:
            result["load"] = load_test(servers[-1])
            save()
    if "matching" in PARTS:
        result["matching"] = matching(SIZES[-1])
        save()
    print(f"Written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
