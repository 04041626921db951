"""Matching and tender-alert digests at the size of the database at DATABASE_URL (issue 15).

``procurement.matching.matches`` for single entries against every live profile (time, SQL
queries, peak memory), then a day with ``--digest-entries`` new entries: ``queue_alerts`` for
each and ``send_digests("daily")`` to the synthetic SØV users (``bench.prepare``), with e-mails
rendered but not kept (Django's dummy backend). The day's alert rows are deleted afterwards, so
the next run starts alike. Prints one JSON object; run by ``bench.run``.
"""

import argparse
import json
import os
import resource
import statistics
import time
from contextlib import contextmanager
from pathlib import Path


def peak_rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss():
    """Start the peak (VmHWM) again from the current RSS (Linux)."""
    Path("/proc/self/clear_refs").write_text("5")


@contextmanager
def counted(connection):
    """A list whose length is the number of SQL statements run inside the block."""
    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append(None)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield statements


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20, help="entries matched one by one")
    parser.add_argument("--digest-entries", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from directory.models import SupplierProfile
    from procurement.alerts import queue_alerts, send_digests
    from procurement.matching import matches
    from procurement.models import OPEN_STATUSES, AlertDelivery
    from procurement.synthetic import USER_PREFIX, synthetic_entries

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    open_entries = list(
        synthetic_entries()
        .filter(status__in=OPEN_STATUSES, interest_deadline__gte=timezone.localdate())
        .order_by("pk")
        .values_list("pk", flat=True)[: args.entries + args.digest_entries]
    )
    result = {"profiles": SupplierProfile.objects.live().count()}

    seconds, queries, memory, found = [], [], [], []
    for pk in open_entries[: args.entries]:
        reset_peak_rss()
        before = peak_rss_mb()
        with counted(connection) as statements:
            started = time.perf_counter()
            found.append(len(matches(entry_ids=[pk])))
            seconds.append(time.perf_counter() - started)
        queries.append(len(statements))
        memory.append(peak_rss_mb() - before)
    result["matching"] = {
        "entries": len(seconds),
        "p50_ms": round(1000 * percentile(seconds, 50), 1),
        "p95_ms": round(1000 * percentile(seconds, 95), 1),
        "sql_per_entry": sorted(set(queries)),
        "peak_rss_mb": round(max(memory), 1),
        "matches_returned": max(found),
    }

    day = open_entries[-args.digest_entries :]
    alerts = AlertDelivery.objects.filter(user__username__startswith=USER_PREFIX)
    alerts.delete()
    reset_peak_rss()
    before = peak_rss_mb()
    with counted(connection) as statements:
        started = time.perf_counter()
        queue_seconds = []
        for pk in day:
            began = time.perf_counter()
            queue_alerts(pk)
            queue_seconds.append(time.perf_counter() - began)
        queued_at = time.perf_counter()
        queued = alerts.count()
        sent = send_digests("daily")
        finished = time.perf_counter()
    users = alerts.values("user").distinct().count()
    result["digests"] = {
        "new_entries": len(day),
        "alert_users": users,
        "alerts_queued": queued,
        "emails_sent": sent,
        "queue_p50_ms": round(1000 * percentile(queue_seconds, 50), 1),
        "queue_p95_ms": round(1000 * percentile(queue_seconds, 95), 1),
        "queue_total_s": round(queued_at - started, 1),
        "send_total_s": round(finished - queued_at, 1),
        "total_s": round(finished - started, 1),
        "sql": len(statements),
        "peak_rss_mb": round(peak_rss_mb() - before, 1),
    }
    alerts.delete()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
