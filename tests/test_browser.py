"""A real browser (Debian's chromium through Playwright): sign in → home → language → sign out."""

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


@pytest.mark.django_db(transaction=True)
def test_login_home_switch_language_logout(page, live_server):
    from anjian.accounts.testing import PASSWORD, build_world

    build_world()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    assert "外海街道" in page.content()
    assert page.locator("html").get_attribute("lang") == "zh-hans"  # whatever the browser asks
    assert "区域" in page.content()

    page.select_option("#language-select", "en")
    page.click("#language-submit")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Regions" in page.content()

    page.click(".app-user-button")
    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/**")
    assert "/accounts/login/" in page.url
