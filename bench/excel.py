"""Benchmark: Excel export and import beside plain openpyxl on the same rows.

Builds a scratch SQLite database (or uses DATABASE_URL), fills EXPORT_ROWS enterprises with
bulk_create, then prints time and peak memory (the process's resident peak, reset before each
step) of:

* plain openpyxl write-only of the same rows (values_list) vs the enterprise ledger's export;
* plain openpyxl read-only of an IMPORT_ROWS file vs the ledger's read + check (the preview) and
  the commit of the same file (new enterprises), with queries per row.

Run: ``.venv/bin/python bench/excel.py [export_rows] [import_rows]`` (defaults 50000 and 10000).
Results go into docs/performance.md by hand.
"""

import os
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

EXPORT_ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
IMPORT_ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 10000


def rss_reset():
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")  # resets VmHWM to the current RSS
    except OSError:
        pass


def rss(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(label, func):
    rss_reset()
    idle = rss("VmRSS")
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    hwm = rss("VmHWM")
    print(
        f"{label:<46} {elapsed:8.2f} s   RSS {idle:6.0f} → peak {hwm:6.0f} MB (×{hwm / idle:4.2f})"
    )
    return result, elapsed


def fill(world, count):
    from anjian.enterprises.models import Enterprise, Industry
    from anjian.enterprises.testing import make_uscc

    industry, _ = Industry.objects.get_or_create(code="C33", defaults={"name": "金属制品业"})
    village = world.regions["village"]
    batch = []
    for i in range(count):
        batch.append(
            Enterprise(
                name=f"江门市基准测试{i:06d}五金有限公司",
                uscc=make_uscc(900000 + i),
                address=f"江海区示例路{i}号",
                region=village,
                grid=world.regions["grid"],
                industry=industry,
                principal_name="张三",
                principal_phone="13800000000",
                employee_count=i % 300,
                risk_grade="C",
            )
        )
        if len(batch) == 5000:
            Enterprise.objects.bulk_create(batch)
            batch = []
    Enterprise.objects.bulk_create(batch)


def main():
    from anjian.accounts.models import User
    from anjian.accounts.testing import build_world
    from anjian.enterprises.ledger import EnterpriseLedger
    from anjian.enterprises.models import Enterprise
    from anjian.enterprises.testing import make_uscc

    call_command("migrate", verbosity=0)
    world = build_world()
    fill(world, EXPORT_ROWS)
    user = User.objects.get(username="subdistrict_officer")
    queryset = Enterprise.objects.restrict(user, "view")
    ledger = EnterpriseLedger(user=user)
    # The same rows and as many columns as the ledger writes (names for the related records).
    fields = ["name", "uscc", "address", "region__name", "grid__name", "industry__name", "status"]
    fields += ["principal_name", "principal_title", "principal_phone", "safety_officer_name"]
    fields += ["safety_officer_title", "safety_officer_phone", "employee_count", "park__name"]
    fields += ["landlord__name", "service_agency__name", "last_inspected_on", "risk_grade"]
    fields += ["uscc", "region__code", "industry__code", "address"][
        : len(ledger.export_headers()) - 19
    ]
    print(f"Export of {queryset.count()} enterprises ({len(ledger.export_headers())} columns)")
    out = tempfile.mkdtemp()

    def plain_write():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("plain")
        sheet.append(fields)
        for row in queryset.values_list(*fields).iterator(chunk_size=2000):
            sheet.append(list(row))
        workbook.save(f"{out}/plain.xlsx")

    _r, plain = measure("plain openpyxl write-only (values_list)", plain_write)
    _r, ours = measure(
        "ledger export (write-only, safe cells)",
        lambda: ledger.export_to(f"{out}/ledger.xlsx", queryset),
    )
    print(f"  export / plain = {ours / plain:.2f}")

    # An import file of IMPORT_ROWS new enterprises, as the template lays it out.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ledger.headers())
    for i in range(IMPORT_ROWS):
        values = {
            "name": f"江门市导入测试{i:06d}有限公司",
            "uscc": make_uscc(500000 + i),
            "address": f"江海区导入路{i}号",
            "region": "440704003001 东南村",
            "grid": "东南村第一网格",
            "industry": "C33 金属制品业",
            "status": "正常经营",
            "principal_name": "李四",
            "principal_phone": "13900000000",
            "employee_count": i % 200,
            "last_inspected_on": "2026-02-28",
        }
        sheet.append([values.get(c.field, "") for c in ledger.columns])
    path = f"{out}/import.xlsx"
    workbook.save(path)
    print(f"\nImport of {IMPORT_ROWS} new enterprises ({os.path.getsize(path) // 1024} KB)")

    def plain_read():
        book = load_workbook(path, read_only=True, data_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return rows

    _r, read_plain = measure("plain openpyxl read-only", plain_read)

    def ledger_read():
        with open(path, "rb") as handle:
            return ledger.read(handle)

    parsed, read_ours = measure("ledger read (caps, JSON-ready values)", ledger_read)
    user = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        result, check = measure(
            "ledger check (the preview, no transaction)", lambda: ledger.check(parsed, user)
        )
    assert result.ok, result.bad_rows[0].errors
    print(f"  check queries: {len(queries)} ({len(queries) / IMPORT_ROWS:.3f} a row)")
    print(f"  read + check / plain read = {(read_ours + check) / read_plain:.2f}")
    user = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        result, commit = measure(
            "ledger commit (one transaction)", lambda: ledger.commit(parsed, user)
        )
    assert result.committed
    print(f"  commit queries: {len(queries)} ({len(queries) / IMPORT_ROWS:.2f} a row)")
    print(f"  read + commit / plain read = {(read_ours + commit) / read_plain:.2f}")


if __name__ == "__main__":
    main()
