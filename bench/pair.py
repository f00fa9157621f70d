"""One list page and its bare view, alternating N times in one process: the median and 20th
percentile of the wall clock and of this process's CPU time, and their ratios. Run it from a work
tree (its code is what is measured), e.g. this one and ``git worktree add /tmp/before <commit>``
one after the other, to compare two versions of the code in the same minutes:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city_small \\
        .venv/bin/python bench/pair.py /enterprises/ 40 [city_subdistrict] [enterprises.Enterprise]

The bare view is ``bench/city.py``'s (``/bench/bare/<app.Model>/``).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
os.environ.setdefault("DEBUG", "false")

import city  # noqa: E402,F401  (sets Django up; its URL conf mounts the bare view)
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    username = sys.argv[3] if len(sys.argv) > 3 else "city_subdistrict"
    label = sys.argv[4] if len(sys.argv) > 4 else "enterprises.Enterprise"
    bare = f"/bench/bare/{label}/"
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    wall, cpu = {"page": [], "bare": []}, {"page": [], "bare": []}
    with override_settings(ALLOWED_HOSTS=["*"], ROOT_URLCONF="city"):
        for _ in range(5):  # warm up
            client.get(url)
            client.get(bare)
        for _ in range(n):
            for kind, target in (("page", url), ("bare", bare)):
                start, cpu_start = time.perf_counter(), time.thread_time()
                response = client.get(target)
                wall[kind].append((time.perf_counter() - start) * 1000)
                cpu[kind].append((time.thread_time() - cpu_start) * 1000)
                assert response.status_code == 200, (target, response.status_code)

    def p20(values):
        return sorted(values)[int(len(values) * 0.2)]

    out = [f"{ROOT.name} load={os.getloadavg()[0]:.1f}"]
    for name, series in (("wall", wall), ("cpu", cpu)):
        for stat, fn in (("median", statistics.median), ("p20", p20)):
            page, base = fn(series["page"]), fn(series["bare"])
            out.append(f"{name} {stat} {page:.1f}/{base:.1f}={page / base:.2f}")
    print(" | ".join(out))


if __name__ == "__main__":
    main()
