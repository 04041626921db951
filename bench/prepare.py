"""Fill the database at DATABASE_URL up to a size: synthetic profiles, tender plan entries with
interests, and SØV users with daily alerts. Rows already there count; run by ``bench.run``.

    python -m bench.prepare --profiles 100000 --entries 10000 --alert-users 10000
"""

import argparse
import json
import os
import time

import django


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, required=True)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--alert-users", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    django.setup()

    from django.db import connection

    from directory.models import SupplierProfile
    from directory.synthetic import SLUG_PREFIX, generate
    from procurement.synthetic import generate_alert_users, generate_entries, synthetic_entries

    timings = {}
    started = time.perf_counter()
    missing = args.profiles - SupplierProfile.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if missing > 0:
        print(f"  generating {missing} profiles …", flush=True)
        generate(missing)
        timings["profiles_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    missing = args.entries - synthetic_entries().count()
    if missing > 0:
        print(f"  generating {missing} tender plan entries …", flush=True)
        generate_entries(missing)
        timings["entries_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    if generate_alert_users(args.alert_users):
        timings["alert_users_s"] = round(time.perf_counter() - started, 1)
    if timings:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as a restored production database would be
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
