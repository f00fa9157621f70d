import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_shots(browser, live_server):
    from anjian.demo.world import load
    from anjian.spaces.models import ConfinedSpace

    load(password="crawl-2026-demo")
    space = ConfinedSpace.objects.get(name="调节池")
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{space.label_token}/")
    page.screenshot(path="/tmp/spacestest/public.png", full_page=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hyd_luo")
    page.fill("#id_password", "crawl-2026-demo")
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    context2 = browser.new_context(
        viewport={"width": 1280, "height": 900}, storage_state=context.storage_state()
    )
    p2 = context2.new_page()
    p2.goto(f"{live_server.url}/spaces/{space.pk}/label/")
    p2.screenshot(path="/tmp/spacestest/label.png", full_page=True)
    p2.goto(f"{live_server.url}/spaces/{space.pk}/")
    p2.screenshot(path="/tmp/spacestest/detail.png", full_page=True)
    p2.goto(f"{live_server.url}/spaces/")
    p2.screenshot(path="/tmp/spacestest/list.png", full_page=True)
