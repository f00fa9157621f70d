"""Benchmark: every list page, API list, the enterprise file and the home page at four scopes, each
paired run by run with a bare view returning the same rows; and a bounded load run.

Against a database holding a synthetic city (``manage.py generate_city``), e.g.::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city \\
        .venv/bin/python manage.py generate_city --scale 1.0
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city .venv/bin/python bench/city.py

Options: ``--runs N`` (default 7), ``--only SUBSTRING`` (URLs containing it), ``--urls a,b``
(exactly these URLs), ``--users a,b``,
``--load`` (add the load run: a gunicorn started on 127.0.0.1 by this script and stopped by it, a
fixed number of requests from 8 clients, with a time limit), ``--root DIR`` (the load run serves
the code of another work tree, e.g. ``git worktree add /tmp/old955 955e569``, with its own
``.venv`` or a link to this one, its static files collected, and this tree's ``.secret_key``
copied — else the session does not sign in; the same database, session and requests),
``--json FILE`` (write the rows).

The bare view (``/bench/bare/<app>.<model>/``, mounted only here) runs the same main row query as
the list — ``restrict(user)`` with the model's default ordering, one page of rows — and renders the
rows' ``str`` in a plain template, through the same middleware. Page and bare view alternate run by
run, so both see the same machine load; the report gives medians, query counts and the ratio, in
wall-clock time and in this process's CPU time (``cpu ms``, ``cpu x``: the Python side alone).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
os.environ.setdefault("DEBUG", "false")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)  # the refused pages (403) of a scope are expected, not news

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse  # noqa: E402

USERS = ["city_district", "city_subdistrict", "city_village", "city_enterprise"]
BARE = Template(
    "<!doctype html><table>{% for row in rows %}<tr><td>{{ row.pk }}</td><td>{{ row }}</td></tr>"
    "{% endfor %}</table>"
)


def bare_view(request, label):
    """The same rows as the list page (scope, default ordering, one page), rendered plainly."""
    model = apps.get_model(label)
    per_page = int(request.GET.get("per_page", 25))
    rows = list(model._default_manager.restrict(request.user, "view")[:per_page])
    return HttpResponse(BARE.render(Context({"rows": rows})))


urlpatterns = [
    path("bench/bare/<str:label>/", bare_view),
    *get_resolver(settings.ROOT_URLCONF).url_patterns,
]


def list_urls():
    """(page URLs, API list URLs), from the URL conf and the API router — none hand-picked."""
    from anjian.core.api.routers import router

    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and p.name.endswith("_list"):
                if not p.pattern.regex.groupindex:
                    found.append(f"{namespace}{p.name}")

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, "")
    pages = [reverse(name) for name in sorted(set(found))]
    api = sorted({reverse(f"{basename}-list") for _, _, basename in router.registry})
    return pages, api


def model_of(url):
    match = resolve(url)
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None)
    model = getattr(view, "model", None)
    if model is None and hasattr(view, "queryset") and view.queryset is not None:
        model = view.queryset.model
    return model


def timed(client, url):
    with CaptureQueriesContext(connection) as queries:
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = client.get(url)
        ms = (time.perf_counter() - start) * 1000
        cpu = (time.thread_time() - cpu_start) * 1000
    return response.status_code, ms, len(queries), len(response.content), cpu


def pair(client, url, bare_url, runs):
    """Page and bare view alternately, ``runs`` times each. Wall-clock milliseconds (what a user
    waits, PostgreSQL's work included) and the CPU milliseconds of this process (the Python side
    only; less disturbed by other processes on a shared machine than the wall clock)."""
    page_ms, bare_ms, page_cpu, bare_cpu = [], [], [], []
    status = queries = bare_queries = 0
    timed(client, url)  # warm the caches (templates, permissions) once
    if bare_url:
        timed(client, bare_url)
    for _ in range(runs):
        status, ms, queries, _size, cpu = timed(client, url)
        page_ms.append(ms)
        page_cpu.append(cpu)
        if bare_url:
            _s, ms, bare_queries, _size, cpu = timed(client, bare_url)
            bare_ms.append(ms)
            bare_cpu.append(cpu)
    page = statistics.median(page_ms)
    bare = statistics.median(bare_ms) if bare_ms else None
    cpu = statistics.median(page_cpu)
    cpu_bare = statistics.median(bare_cpu) if bare_cpu else None
    return {
        "url": url,
        "status": status,
        "queries": queries,
        "ms": round(page, 1),
        "bare_queries": bare_queries if bare_url else None,
        "bare_ms": round(bare, 1) if bare else None,
        "ratio": round(page / bare, 2) if bare else None,
        "cpu_ms": round(cpu, 1),
        "bare_cpu_ms": round(cpu_bare, 1) if cpu_bare else None,
        "cpu_ratio": round(cpu / cpu_bare, 2) if cpu_bare else None,
    }


def run_pages(args):
    user_model = get_user_model()
    pages, api = list_urls()
    rows = []
    for username in args.users:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            print(f"# {username}: no such user (generate the city first)")
            continue
        client = Client()
        client.force_login(user)
        from anjian.enterprises.models import Enterprise

        first = Enterprise.objects.restrict(user).order_by("pk").first()
        extra = ["/"]
        if first is not None:
            extra.append(reverse("enterprises:enterprise_detail", args=[first.pk]))
        for url in [*extra, *pages, *api]:
            if args.only and args.only not in url:
                continue
            if args.urls and url not in args.urls:
                continue
            model = model_of(url)
            is_list = url in pages or url in api
            bare = f"/bench/bare/{model._meta.label}/" if (model is not None and is_list) else None
            row = pair(client, url, bare, args.runs)
            if row["status"] in (403, 404):
                continue
            row["user"] = username
            rows.append(row)
            ratio = f"{row['ratio']:>6.2f}" if row["ratio"] else "     -"
            bare_ms = f"{row['bare_ms']:>8.1f}" if row["bare_ms"] else "       -"
            cpu_ratio = f"{row['cpu_ratio']:>6.2f}" if row["cpu_ratio"] else "     -"
            print(
                f"{username:<17} {url:<42} {row['status']:>4} {row['queries']:>4} "
                f"{row['ms']:>8.1f} {bare_ms} {ratio} {row['cpu_ms']:>7.1f} {cpu_ratio}",
                flush=True,
            )
    return rows


def run_load(args):
    """A bounded load run: gunicorn on 127.0.0.1 (started and stopped here), 8 clients, a fixed
    number of requests to the sub-district officer's enterprise list, and a time limit."""
    import concurrent.futures
    import signal
    import subprocess
    import urllib.request
    from importlib import import_module

    from django.contrib.auth import load_backend

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

    user = get_user_model().objects.get(username="city_subdistrict")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = next(  # the backend that loads users (not axes')
        b for b in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(b), "get_user")
    )
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    port = 18765
    root = Path(args.root).resolve() if args.root else ROOT
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [
            str(root / ".venv/bin/gunicorn"),
            "anjian.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/enterprises/"
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)

        def one(_):
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                # A lost session would redirect to the sign-in page: count only the real page.
                assert response.status == 200 and response.url == url, response.url
            return (time.perf_counter() - start) * 1000

        for _ in range(4):
            one(0)  # warm both workers
        started = time.perf_counter()
        latencies = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
            futures = [pool.submit(one, i) for i in range(args.requests)]
            for future in concurrent.futures.as_completed(futures, timeout=args.time_limit):
                latencies.append(future.result())
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        session.delete()
    latencies.sort()
    result = {
        "url": "/enterprises/ (city_subdistrict)",
        "code": str(root),
        "workers": args.workers,
        "clients": args.clients,
        "requests": len(latencies),
        "req_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2], 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
    }
    print("load:", json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--urls", default="", help="comma-separated exact URLs (e.g. /enterprises/)"
    )
    parser.add_argument("--users", default=",".join(USERS))
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=300)
    parser.add_argument("--root", default="")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    args.users = [u for u in args.users.split(",") if u]
    args.urls = [u for u in args.urls.split(",") if u]
    print(f"# database: {connection.vendor} {settings.DATABASES['default'].get('NAME')}")
    out = {"vendor": connection.vendor, "pages": [], "load": None}
    if not args.load_only:
        print(
            f"{'user':<17} {'url':<42} {'HTTP':>4} {'SQL':>4} {'ms':>8} {'bare ms':>8} {'ratio':>6}"
            f" {'cpu ms':>7} {'cpu x':>6}"
        )
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"]):
            out["pages"] = run_pages(args)
    if args.load or args.load_only:
        out["load"] = run_load(args)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
