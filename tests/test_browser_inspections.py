"""An inspection in a real browser (Debian's chromium through Playwright) on a 390 px phone: the
grid worker starts a planned inspection, taps "not compliant" on one item with a note, records it
as a hazard in one step, and the hazard carries the item's legal basis. The bureau plans a
campaign's inspection tasks with its button."""

import datetime

import pytest

from tests.test_browser_hazards import sign_in

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


def test_the_bureau_plans_a_campaigns_tasks_by_clicking(browser, live_server, inspection_world):
    """The bureau opens its campaign and clicks "Plan the inspection tasks": one planned inspection
    per enterprise in the campaign's region, the progress counts them, the campaign's inspections
    list them; clicking again plans none twice."""
    from anjian.enterprises.models import Enterprise
    from anjian.inspections.models import Inspection
    from anjian.inspections.services import campaign_enterprises
    from anjian.inspections.testing import campaign_in

    world = inspection_world
    campaign = campaign_in(world, world.regions["subdistrict"])
    expected = set(campaign_enterprises(campaign).values_list("pk", flat=True))
    assert expected
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server, world.users["regulator"].username)
    page.goto(f"{live_server.url}/inspections/campaigns/{campaign.pk}/")
    assert page.inner_text("#progress-inspected").strip() == "0 / 0"
    page.click("#create-tasks")
    page.wait_for_selector(".alert-success")
    planned = Inspection.objects.filter(campaign=campaign)
    assert set(planned.values_list("enterprise_id", flat=True)) == expected
    assert all(i.status == "planned" and i.items.exists() for i in planned)
    assert page.inner_text("#progress-inspected").strip() == f"0 / {len(expected)}"

    page.click("#create-tasks")  # again: nothing planned twice
    page.wait_for_selector(".alert-success")
    assert planned.count() == len(expected)
    page.locator("#campaign-progress a").click()
    page.wait_for_selector("#results")
    listed = page.inner_text("#results")
    for enterprise in Enterprise.objects.filter(pk__in=expected):
        assert enterprise.name in listed, enterprise.name
