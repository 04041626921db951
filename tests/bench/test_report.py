"""``bench.report`` turns a result file into the README's tables (structure, never timings)."""

import json

from bench.report import markdown

ROUTE = {"p50_ms": 10.0, "p95_ms": 12.0, "sql": [14], "status": [200], "shown": 20}
EXPORT = {
    "status": 200,
    "seconds": 1.5,
    "rows": 100,
    "rows_per_s": 67,
    "bytes": 2e6,
    "peak_rss_mb": 90.0,
}
LOAD = {"clients": 20, "seconds": 60, "requests": 600, "per_s": 10.0, "errors": 0}


def test_one_line_per_route_export_and_load_run():
    result = {
        "routes": [
            {
                "route": "directory: no query",
                "kind": kind,
                "params": {},
                "1k": ROUTE,
                "100k": ROUTE,
                "ratio": 1.0,
            }
            for kind in ("new", "repeated")
        ]
        + [
            {
                "route": "directory: broad query, page 50",
                "kind": "new",
                "params": {"page": "50"},
                "1k": {**ROUTE, "shown": 6},
                "100k": ROUTE,
                "ratio": 1.6,
            }
        ],
        "exports": [{"export": "full CSV", "size": "100k", "cut_off": True, **EXPORT}],
        "load": {
            "runs": [
                {"size": "100k", "exports": e, "p50_ms": 5, "p95_ms": 9, **LOAD}
                for e in (False, True)
            ],
            "throughput_ratio": 1.0,
        },
        "matching": {
            "profiles": 100_000,
            "matching": {
                "entries": 5,
                "p50_ms": 1,
                "p95_ms": 2,
                "sql_per_entry": [1],
                "peak_rss_mb": 3,
            },
            "digests": {
                "new_entries": 50,
                "alerts_queued": 9,
                "alert_users": 3,
                "queue_p50_ms": 1,
                "queue_p95_ms": 2,
                "queue_total_s": 3,
                "emails_sent": 3,
                "send_total_s": 1,
                "total_s": 4,
                "sql": 40,
                "peak_rss_mb": 5,
            },
        },
        "machine": {
            "nproc": 2,
            "ram_gb": 23.5,
            "postgresql": "15",
            "python": "3.11",
            "load_average": [1, 1, 1],
        },
    }
    text = markdown(json.loads(json.dumps(result)))
    assert "| p50 1k | p95 1k | p50 100k | p95 100k | ratio | SQL |" in text
    assert text.count("| directory: no query |") == 2
    assert text.count("results at") == 1  # the page that is shorter at 1k
    assert "broad query, page 50 (new) shows 6 results at 1k and 20 at 100k" in text
    assert "| full CSV | 100k | 200 |" in text and "yes (HTTP error mid-body)" in text
    assert text.count("- Load at 100k") == 2
    assert "SQL per entry [1]" in text
