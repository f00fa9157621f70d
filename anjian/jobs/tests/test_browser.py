"""A real browser imports an update: upload, read the field-level changes (before → after),
confirm without choosing the file again, and find the stored values."""

import pytest
from openpyxl import Workbook

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


@pytest.mark.django_db(transaction=True)
def test_import_preview_shows_field_changes_then_confirms(page, live_server, tmp_path):
    from anjian.accounts.testing import PASSWORD, build_world
    from anjian.enterprises.ledger import EnterpriseLedger
    from anjian.enterprises.models import Enterprise

    world = build_world()
    inside = world.enterprises["inside"]
    Enterprise.objects.filter(pk=inside.pk).update(principal_name="张三", employee_count=20)
    ledger = EnterpriseLedger()
    values = {
        "name": inside.name,
        "uscc": inside.uscc,
        "principal_name": "李四",
        "employee_count": 45,
        "status": "Operating",
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ledger.headers())
    sheet.append([values.get(c.field) for c in ledger.columns])  # blanks: leave as it is
    path = tmp_path / "更新.xlsx"
    workbook.save(path)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/enterprises/import/")
    page.set_input_files("#id_file", str(path))
    page.click("#import-check-submit")
    changes = page.locator("#import-changes")
    changes.wait_for()
    text = changes.inner_text()
    assert "张三" in text and "李四" in text and "20" in text and "45" in text
    assert page.locator("#import-changes .change-before").count() == 2
    assert Enterprise.objects.get(pk=inside.pk).principal_name == "张三"  # nothing written yet

    page.click("#import-confirm-submit")
    page.wait_for_url(f"{live_server.url}/enterprises/")
    stored = Enterprise.objects.get(pk=inside.pk)
    assert stored.principal_name == "李四" and stored.employee_count == 45
    assert stored.region == world.regions["village"]  # the blank cell left it as it was
    assert stored.service_agency == world.organizations["agency"]
