"""Daily-use frictions in a real browser (Debian's chromium through Playwright): Export to Excel
arrives as a file, Back after htmx filters keeps the form in step with the rows, and a searchable
select narrows as one types pinyin initials (``hyd`` → 恒亦达) without Enter picking "—"."""

import io

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


def sign_in(page, live_server, username):
    from anjian.accounts.testing import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def officer_world(transactional_db):
    from anjian.accounts.testing import build_world
    from anjian.enterprises.models import EnterpriseStatus
    from anjian.enterprises.testing import EnterpriseFactory

    world = build_world()
    village = world.regions["village"]
    EnterpriseFactory(name="江门市华锐电子有限公司", region=village)
    EnterpriseFactory(name="江门市德昌五金制品厂", region=village, risk_grade="C")
    EnterpriseFactory(
        name="江门市永利塑料制品厂",
        region=village,
        risk_grade="B",
        status=EnterpriseStatus.SUSPENDED,
    )
    return world


def test_export_arrives_as_a_workbook_after_a_filter(page, live_server, officer_world):
    from openpyxl import load_workbook

    sign_in(page, live_server, "subdistrict_officer")
    page.goto(f"{live_server.url}/enterprises/")
    page.fill("#id_q", "hyd")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('华锐')")
    with page.expect_download() as info:
        page.click("#results a:has(.bi-file-earmark-excel)")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    cells = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "江门市恒亦达电子有限公司" in cells
    assert "江门市华锐电子有限公司" not in cells  # the filter applies to the export
    assert "恒亦达" not in page.locator("#results").inner_text().replace("江门市恒亦达", "")


def test_back_after_two_filters_keeps_form_and_rows_in_step(page, live_server, officer_world):
    sign_in(page, live_server, "subdistrict_officer")
    page.goto(f"{live_server.url}/enterprises/")
    tom_selects = page.locator("select.js-tom").count()
    assert tom_selects >= 1

    page.select_option("#id_status", "suspended")
    page.wait_for_url("**status=suspended**")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('华锐')")
    page.select_option("#id_risk_grade", "B")
    page.wait_for_url("**risk_grade=B**")

    page.go_back()
    page.wait_for_function(
        "() => location.search.includes('status=suspended') && !location.search.includes('risk_grade=B')"
    )
    page.wait_for_load_state("load")
    page.wait_for_selector("#id_status")
    # The form says what the rows are filtered by
    assert page.locator("#id_status").input_value() == "suspended"
    assert page.locator("#id_risk_grade").input_value() == ""
    results = page.locator("#results").inner_text()
    assert "永利" in results and "华锐" not in results
    # Each searchable select shows one control, not two
    page.wait_for_function(
        f"() => document.querySelectorAll('.ts-wrapper').length === {tom_selects}"
    )

    # The next search keeps the status filter
    page.fill("#id_q", "永利")
    page.wait_for_url("**q=**")
    assert "status=suspended" in page.url
    assert "永利" in page.locator("#results").inner_text()


def test_searchable_select_narrows_by_pinyin_and_enter_picks_a_match(
    page, live_server, officer_world
):
    from anjian.enterprises.models import Enterprise

    hyd = Enterprise.objects.get(name="江门市恒亦达电子有限公司")
    sign_in(page, live_server, "subdistrict_officer")
    page.goto(f"{live_server.url}/enterprises/add/")
    wrapper = page.locator(".ts-wrapper", has=page.locator("#id_landlord-ts-control"))
    wrapper.locator(".ts-control").click()
    control = page.locator("#id_landlord-ts-control")
    control.press_sequentially("hyd", delay=50)
    option = page.locator(".ts-dropdown .option", has_text="恒亦达")
    option.wait_for()
    assert page.locator(".ts-dropdown .option", has_text="华锐").count() == 0
    assert page.locator(".ts-dropdown .option[data-value='']").count() == 0
    control.press("Enter")
    assert page.locator("#id_landlord").input_value() == str(hyd.pk)


def test_phone_sees_name_grade_and_due_without_sideways_scrolling(
    browser, live_server, officer_world
):
    from anjian.accounts.testing import PASSWORD

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/enterprises/")
    table = page.locator("#results table")
    for key in ("sort=name", "sort=risk_grade"):
        assert table.locator(f"th:has(a[href*='{key}'])").is_visible(), key
    assert table.locator("th").last.is_visible()  # the next routine inspection
    assert not table.locator("th:has(a[href*='sort=uscc'])").is_visible()
    overflow = page.evaluate(
        "() => { const t = document.querySelector('#results table');"
        " const box = t.parentElement; return box.scrollWidth - box.clientWidth; }"
    )
    assert overflow <= 1, overflow
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    context.close()
