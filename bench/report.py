"""A ``make bench`` result as Markdown, for the README's Performance section.

python -m bench.report bench/results/<UTC time>.json
"""

import json
import sys
from pathlib import Path


def markdown(result):
    sizes = [key for key in result["routes"][0] if key not in ("route", "kind", "params", "ratio")]
    small, large = sizes[0], sizes[-1]
    head = f"| route | kind | p50 {small} | p95 {small} | p50 {large} | p95 {large} | ratio | SQL |"
    lines = [head, "|---|---|--:|--:|--:|--:|--:|--:|"]
    for row in result["routes"]:
        sql = " / ".join(",".join(map(str, row[s]["sql"])) for s in (small, large))
        lines.append(
            f"| {row['route']} | {row['kind']} | {row[small]['p50_ms']:.0f} | "
            f"{row[small]['p95_ms']:.0f} | {row[large]['p50_ms']:.0f} | "
            f"{row[large]['p95_ms']:.0f} | {row['ratio']:.2f} | {sql} |"
        )
    for row in result["routes"]:
        if row[small].get("shown", 0) != row[large].get("shown", 0):
            lines.append(
                f"\n{row['route']} ({row['kind']}) shows {row[small]['shown']} results at "
                f"{small} and {row[large]['shown']} at {large}: the smaller database has fewer."
            )
    lines += ["", "| export | size | HTTP | s | rows | rows/s | MB | peak RSS MB | cut off |"]
    lines.append("|---|---|--:|--:|--:|--:|--:|--:|---|")
    for e in result["exports"]:
        lines.append(
            f"| {e['export']} | {e['size']} | {e['status']} | {e['seconds']} | "
            f"{e['rows'] or '–'} | {e['rows_per_s'] or '–'} | {e['bytes'] / 1e6:.1f} | "
            f"{e['peak_rss_mb']:.0f} | "
            f"{'yes (HTTP error mid-body)' if e['cut_off'] else 'no'} |"
        )
    lines.append("")
    if "load" in result:  # a run of some parts only (BENCH_PARTS) has no line for the others
        for run in result["load"]["runs"]:
            lines.append(
                f"- Load at {run['size']}, {'with' if run['exports'] else 'without'} exports: "
                f"{run['clients']} clients × {run['seconds']} s, {run['requests']} requests "
                f"({run['per_s']} req/s), {run['errors']} errors, p50 {run['p50_ms']} ms, "
                f"p95 {run['p95_ms']} ms."
            )
        lines.append(f"- Throughput with exports / without: {result['load']['throughput_ratio']}.")
    if "matching" in result:
        m, d = result["matching"]["matching"], result["matching"]["digests"]
        lines.append(
            f"- Matching one entry against {result['matching']['profiles']} live profiles "
            f"({m['entries']} entries): p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms, "
            f"SQL per entry {m['sql_per_entry']}, peak RSS +{m['peak_rss_mb']} MB."
        )
        lines.append(
            f"- Daily digests, {d['new_entries']} new entries: {d['alerts_queued']} alerts queued "
            f"for {d['alert_users']} users (p50 {d['queue_p50_ms']} ms, p95 {d['queue_p95_ms']} ms "
            f"per entry, {d['queue_total_s']} s), {d['emails_sent']} e-mails built in "
            f"{d['send_total_s']} s; {d['total_s']} s and {d['sql']} SQL statements in all, "
            f"peak RSS +{d['peak_rss_mb']} MB."
        )
    machine = result["machine"]
    lines.append(
        f"- Machine: {machine['nproc']} cores, {machine['ram_gb']} GB RAM, PostgreSQL "
        f"{machine['postgresql']}, Python {machine['python']}; load average "
        f"{machine['load_average']} at the start, {machine.get('load_average_end')} at the end."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text())))
