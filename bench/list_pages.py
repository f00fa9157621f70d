"""Benchmark: list pages and API lists stay flat as a table grows.

Builds a scratch SQLite database (or uses DATABASE_URL), fills the region tree and users to several
sizes, and prints, for each size, the queries and median time of the region and user list pages and
API lists as a sub-district officer and as the administrator. Run: ``make bench`` or
``.venv/bin/python bench/list_pages.py``. Results go into docs/performance.md by hand.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = [100, 1000, 10000]
RUNS = 15


def fill(world, target):
    from anjian.accounts.models import User
    from anjian.regions.models import Region

    village = world.regions["village"]
    have = Region.objects.filter(path__startswith=world.regions["subdistrict"].path).count()
    grids = [
        Region(
            code=f"B{n:06d}",
            name=f"基准网格{n}",
            level="grid",
            parent=village,
            path=f"{village.path}B{n:06d}/",
            depth=3,
        )
        for n in range(have, target)
    ]
    Region.objects.bulk_create(grids, batch_size=2000)
    users = [
        User(username=f"bench{n}", full_name=f"基准用户{n}", jurisdiction=village)
        for n in range(User.objects.filter(username__startswith="bench").count(), target)
    ]
    User.objects.bulk_create(users, batch_size=2000)


def measure(client, url):
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return len(queries), statistics.median(times)


def main():
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)
    from anjian.accounts.testing import build_world

    world = build_world()
    print(f"database: {connection.vendor}; {RUNS} runs each; median milliseconds")
    print(f"{'rows':>7} {'who':<20} {'url':<28} {'queries':>7} {'ms':>8}")
    for size in SIZES:
        fill(world, size)
        for persona in ("subdistrict_officer", "admin"):
            client = Client()
            client.force_login(world.users[persona])
            for url in ("/regions/", "/api/regions/", "/accounts/users/", "/api/users/"):
                queries, ms = measure(client, url)
                print(f"{size:>7} {persona:<20} {url:<28} {queries:>7} {ms:>8.1f}")


if __name__ == "__main__":
    main()
