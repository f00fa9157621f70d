"""Profile one page as one user: cProfile of N requests through Django's test client, and the CPU
milliseconds of each request (thread time: the Python side alone, steadier than the wall clock on a
shared machine).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city_small \\
        .venv/bin/python bench/profile_page.py /enterprises/ --user city_subdistrict -n 30

Options: ``--user`` (default ``city_subdistrict``), ``-n`` requests (default 20), ``--sort``
(cProfile sort key, default ``cumulative``), ``--limit`` lines (default 60), ``--no-profile``
(only the CPU figures), ``--callers NAME`` (who calls functions matching NAME).

"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--user", default="city_subdistrict")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--callers", default="")
    args = parser.parse_args()
    user = get_user_model().objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    with override_settings(ALLOWED_HOSTS=["*"]):
        for _ in range(3):  # warm up (templates, URL resolvers, translations)
            response = client.get(args.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(args.url)
        print(f"# {args.url} as {args.user}: HTTP {response.status_code}, {len(queries)} queries")
        cpu = []
        # CPU time of this thread, so the time a query waits for PostgreSQL is not charged to the call.
        profile = None if args.no_profile else cProfile.Profile(time.thread_time)
        for _ in range(args.n):
            start = time.thread_time()
            if profile:
                profile.enable()
            client.get(args.url)
            if profile:
                profile.disable()
            cpu.append((time.thread_time() - start) * 1000)
    print(
        f"# cpu ms per request: median {statistics.median(cpu):.2f}, min {min(cpu):.2f}"
        + (" (under cProfile)" if profile else "")
    )
    if profile:
        stats = pstats.Stats(profile).strip_dirs().sort_stats(args.sort)
        stats.print_stats(args.limit)
        if args.callers:
            stats.print_callers(args.callers)


if __name__ == "__main__":
    main()
