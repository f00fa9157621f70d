"""Benchmark: the SQL time of a user's pages, to compare one user's cost in a small and a large city
(issue 9: "a village user's pages at scale 1.0 cost at most 1.5× what they cost at scale 0.02").

Requests each page once as the user through Django's test client and records its queries, then
runs every ``SELECT`` of the page under ``EXPLAIN (ANALYZE, FORMAT JSON)`` ``--runs`` times
(PostgreSQL) and sums, per page, the median planning + execution time of each query. Only the
database's own time is counted, so the figure follows the rows the queries touch, not the machine's
Python load. Run it against two databases holding cities of different scales and divide::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_gen_small \\
        .venv/bin/python bench/reach_sql.py --json /tmp/small.json
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_scale \\
        .venv/bin/python bench/reach_sql.py --json /tmp/large.json --compare /tmp/small.json

Options: ``--user`` (default ``city_village``), ``--pages`` (comma-separated URLs; default home,
the enterprise, people and certificate lists and their API lists), ``--runs`` (default 7).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
os.environ.setdefault("DEBUG", "false")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

PAGES = [
    "/",
    "/enterprises/",
    "/training/people/",
    "/training/certificates/",
    "/api/enterprises/",
    "/api/training/people/",
    "/api/training/certificates/",
]


def page_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in captured.captured_queries]


def sql_ms(sql: str, runs: int) -> float:
    """Median planning + execution milliseconds of one query."""
    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            times.append(plan["Planning Time"] + plan["Execution Time"])
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="city_village")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json")
    parser.add_argument("--compare", help="a --json file of the same pages from another database")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN ANALYZE timing needs PostgreSQL.")

    user = get_user_model().objects.get(username=args.user)
    rows = []
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(user)
        for url in args.pages.split(","):
            client.get(url)  # warm the caches (session, permissions) the way a second visit is
            status, queries = page_queries(client, url)
            selects = [q for q in queries if q.lstrip().upper().startswith("SELECT")]
            ms = [sql_ms(q, args.runs) for q in selects]
            rows.append(
                {
                    "url": url,
                    "status": status,
                    "queries": len(queries),
                    "sql_ms": round(sum(ms), 3),
                    "slowest": sorted(
                        ({"ms": round(t, 3), "sql": q} for t, q in zip(ms, selects, strict=True)),
                        key=lambda r: -r["ms"],
                    )[:3],
                }
            )
    before = {}
    if args.compare:
        before = {r["url"]: r for r in json.loads(Path(args.compare).read_text())["pages"]}
    print(
        f"{connection.settings_dict['NAME']} as {args.user} (median of {args.runs} EXPLAIN ANALYZE)"
    )
    print(
        f"{'page':32} {'status':>6} {'queries':>7} {'SQL ms':>8}"
        + ("  other   ratio" if before else "")
    )
    for r in rows:
        line = f"{r['url']:32} {r['status']:>6} {r['queries']:>7} {r['sql_ms']:>8.2f}"
        other = before.get(r["url"])
        if other:
            ratio = r["sql_ms"] / other["sql_ms"] if other["sql_ms"] else float("nan")
            line += f"  {other['sql_ms']:>6.2f}  {ratio:>5.2f}"
        print(line)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"database": connection.settings_dict["NAME"], "user": args.user, "pages": rows},
                ensure_ascii=False,
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
