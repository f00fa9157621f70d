"""A confined space's label in a real browser (Debian's chromium through Playwright): the
enterprise's safety manager opens the space, clicks "Label with QR code", the QR image is one the
browser draws, the label prints without the app's menus, and the link the QR holds opens the
public page on a phone with no sign-in — the space and its warning, nothing private."""

import pytest

from tests.test_browser_hazards import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


@pytest.mark.django_db(transaction=True)
def test_the_manager_prints_the_label_and_its_qr_opens_the_public_page(browser, live_server):
    from anjian.accounts.testing import build_world
    from anjian.spaces.testing import ConfinedSpaceFactory

    world = build_world()
    space = ConfinedSpaceFactory(
        enterprise=world.enterprises["inside"],
        code="HYD-YX-01",
        name="好氧池",
        location="污水站东侧",
        usual_work="清淤作业（内部）",
    )
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, world.users["enterprise_manager"].username)
    page.goto(f"{live_server.url}/spaces/{space.pk}/")
    page.click("#space-label-link")
    page.wait_for_selector("#space-label")
    assert "HYD-YX-01 好氧池" in page.inner_text("#label-space")
    # The QR is an image the browser decodes and draws (an SVG data URI), not a broken icon.
    assert page.eval_on_selector("#label-qr", "img => img.complete && img.naturalWidth > 0")
    # Printed, the label stands alone: no menu, top bar or breadcrumbs.
    page.emulate_media(media="print")
    assert page.locator("#space-label").is_visible()
    for shell in (".app-sidebar", ".app-topbar", ".app-breadcrumbs"):
        assert not page.locator(shell).is_visible(), shell
    public_url = page.get_attribute("#label-public-link", "href")
    assert space.label_token in public_url
    context.close()

    phone = browser.new_context(**PHONE).new_page()  # a passer-by's phone: no session
    phone.goto(public_url)
    text = phone.inner_text("main")
    assert "好氧池" in text and world.enterprises["inside"].name in text
    assert "清淤作业（内部）" not in text and "污水站东侧" not in text
