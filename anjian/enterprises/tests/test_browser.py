"""A real browser (Debian's chromium through Playwright): find 恒亦达 by typing ``hyd``, open its
file, raise its grade with a reason, and read the reason in the grade timeline."""

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


@pytest.mark.django_db(transaction=True)
def test_find_open_and_grade_an_enterprise(page, live_server):
    from anjian.accounts.testing import PASSWORD, build_world
    from anjian.enterprises.testing import EnterpriseFactory

    world = build_world()
    EnterpriseFactory(name="江门市华锐电子有限公司", region=world.regions["village"])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/enterprises/")
    page.fill("#id_q", "hyd")
    page.press("#id_q", "Enter")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('华锐')")
    page.click("#results a:has-text('江门市恒亦达电子有限公司')")
    page.wait_for_url("**/enterprises/*/")
    assert "江门市恒亦达电子有限公司" in page.content()

    page.click("a[data-transition='grade_a']")
    page.fill("#id_reason", "有限空间中毒事故后提级管理")
    page.click("#transition-submit")
    page.wait_for_url("**/enterprises/*/")
    timeline = page.locator(".grade-timeline")
    assert "有限空间中毒事故后提级管理" in timeline.inner_text()
    assert page.locator(".grade-timeline [data-grade='A']").count() == 1
