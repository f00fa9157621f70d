"""An inspection in a real browser (Debian's chromium through Playwright) on a 390 px phone: the
grid worker starts a planned inspection, taps "not compliant" on one item with a note, records it
as a hazard in one step, and the hazard carries the item's legal basis."""

import datetime

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.fixture
def inspection_world(transactional_db):
    """The persona world and the seeded checklists (a flush of an earlier live-server test removes
    the migration's rows), with a planned confined-space check of the grid worker's enterprise."""
    from importlib import import_module

    from django.apps import apps

    from anjian.accounts.testing import build_world
    from anjian.inspections.testing import make_inspection

    import_module("anjian.inspections.migrations.0002_seed_legal_bases_and_templates").seed(
        apps, None
    )
    world = build_world()
    world.inspection = make_inspection(
        world.enterprises["inside"], planned_on=datetime.date.today(), inspector_names="梁伟强"
    )
    return world


def test_failed_item_becomes_a_hazard_on_a_phone(browser, live_server, inspection_world):
    from anjian.accounts.testing import PASSWORD
    from anjian.hazards.models import Hazard

    inspection = inspection_world.inspection
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "grid_worker")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/inspections/{inspection.pk}/transition/start/")
    page.click("#transition-submit")
    page.wait_for_url(f"{live_server.url}/inspections/{inspection.pk}/")

    item = inspection.items.get(checklist_item__section="作业监护")
    card = page.locator(f"#item-{item.pk}")
    card.locator(f"#note-{item.pk}").fill("作业现场无监护人员")
    bad = card.locator('[data-result-button="not_ok"]')
    box = bad.bounding_box()
    assert box["height"] >= 44  # a large button for a thumb
    assert box["x"] + box["width"] <= 390  # no sideways scrolling
    bad.click()
    page.wait_for_load_state()
    card = page.locator(f"#item-{item.pk}")
    assert card.get_attribute("data-result") == "not_ok"
    card.locator("[data-raise-hazard]").click()
    page.wait_for_load_state()
    link = page.locator(f"#item-{item.pk} .item-hazard a")
    link.wait_for()
    hazard = Hazard.objects.get(inspection_items__pk=item.pk)
    assert link.inner_text() == hazard.number
    assert hazard.description == "作业现场无监护人员"
    assert "第21条" in hazard.legal_basis or "Art. 21" in hazard.legal_basis
    assert page.locator(f"#item-{item.pk} [data-raise-hazard]").count() == 0
    context.close()
