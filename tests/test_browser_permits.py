"""Confined-space work in a real browser (Debian's chromium through Playwright), clicking as the
people do: the enterprise's safety manager plans and files a permit → the sub-district officer
acknowledges it with a 30-minute on-site briefing → the principal's approval is recorded → a
passing gas test → start → on a 390 px phone at the site: in, a periodic reading, out, complete →
accept. And a start refused with the failing conditions of the seven shown."""

import datetime

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def sign_in(page, live_server, username):
    from anjian.accounts.testing import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")


def pick(page, field_id, text):
    """Choose in a searchable select (tom-select) by typing, then clicking the match."""
    wrapper = page.locator(".ts-wrapper", has=page.locator(f"#{field_id}-ts-control"))
    wrapper.locator(".ts-control").click()
    page.locator(f"#{field_id}-ts-control").press_sequentially(text, delay=30)
    page.locator(".ts-dropdown .option", has_text=text).first.click()


def local(moment):
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def site_world(transactional_db):
    """The persona world, the gas thresholds (a flush of an earlier live-server test removes the
    migration's rows), and 恒亦达's sewage tank with its equipment and trained people."""
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    from anjian.accounts.testing import build_world
    from anjian.permits.testing import trained_person
    from anjian.spaces.testing import ConfinedSpaceFactory, SafetyEquipmentFactory
    from anjian.training.testing import PersonFactory

    import_module("anjian.permits.migrations.0002_defaults").seed(apps, None)
    world = build_world()
    enterprise = world.enterprises["inside"]
    enterprise.principal_person = PersonFactory(employer=enterprise, name="陈总经理")
    enterprise.save()
    space = ConfinedSpaceFactory(
        enterprise=enterprise,
        code="HY-01",
        name="好氧池",
        toxic_gases=["H2S"],
        explosion_risk=False,
    )
    valid = timezone.localdate() + datetime.timedelta(days=200)
    SafetyEquipmentFactory(
        enterprise=enterprise, kind="harness", name="全身式安全带", valid_until=valid
    )
    SafetyEquipmentFactory(
        enterprise=enterprise, kind="tripod_winch", name="三脚架", valid_until=valid
    )
    SafetyEquipmentFactory(
        enterprise=enterprise, kind="gas_detector", name="四合一气体检测仪", valid_until=valid
    )
    people = {
        "leader": trained_person(enterprise, name="王作业负责人"),
        "entrant": trained_person(enterprise, name="李作业者"),
        "attendant": trained_person(enterprise, name="赵监护人"),
    }
    return world, enterprise, space, people


def fill_readings(page):
    from anjian.permits.models import GasThreshold

    for gas in GasThreshold.objects.filter(active=True):
        value = {"O2": "20.9"}.get(gas.code, "0")
        page.fill(f"#id_r_{gas.pk}_top", value)
        page.fill(f"#id_r_{gas.pk}_middle", value)
        page.fill(f"#id_r_{gas.pk}_bottom", value)


def click_action(page, href_end):
    """The action button of a record's page whose link ends so (labels are the translator's)."""
    page.locator(f".page-actions a[href$='{href_end}']").first.click()


def test_file_acknowledge_approve_test_start_site_complete_accept(
    browser, page, live_server, site_world
):
    from django.utils import timezone

    from anjian.permits.models import Permit

    _world, _enterprise, space, people = site_world

    # 1. The safety manager plans the work and files it.
    sign_in(page, live_server, "enterprise_manager")
    page.goto(f"{live_server.url}/permits/add/")
    pick(page, "id_space", "好氧池")
    page.fill("#id_work_content", "清理好氧池池底污泥")
    start = timezone.now() + datetime.timedelta(days=5)
    page.fill("#id_planned_start", local(start))
    page.fill("#id_planned_end", local(start + datetime.timedelta(hours=6)))
    page.fill("#id_hazards", "硫化氢中毒、缺氧窒息")
    page.fill("#id_ventilation", "轴流风机机械通风不少于30分钟")
    page.fill("#id_isolation_points", "进水阀上锁挂牌")
    page.locator("label[for^='id_protective_equipment_']", has_text="全身式安全带").check()
    page.fill("#id_communication", "对讲机")
    page.fill("#id_electrical_note", "12V安全电压照明")
    page.fill("#id_rescue_plan", "三脚架绞盘就位，严禁盲目施救")
    page.locator("label[for^='id_rescue_equipment_']", has_text="三脚架").check()
    page.fill("#id_rescue_team", "企业应急救援小组")
    page.fill("#id_rescue_call", "对讲机呼叫")
    page.click("#form-submit")
    page.wait_for_selector("#readiness")
    permit = Permit.objects.get(space=space)

    for duty, key in [
        ("leader", "leader"),
        ("entrant", "entrant"),
        ("attendant", "attendant"),
        ("gas_tester", "attendant"),
    ]:
        pick(page, "id_person", people[key].name)
        page.select_option("#id_duty", duty)
        page.click("#add-person")
        page.wait_for_selector(f"#people tr[data-duty='{duty}']")
    # The attendant may never be an entrant: refused, in words.
    pick(page, "id_person", people["attendant"].name)
    page.select_option("#id_duty", "entrant")
    page.click("#add-person")
    assert page.locator(".alert-danger, .field-errors").first.is_visible()
    assert permit.people.count() == 4
    page.goto(f"{live_server.url}/permits/{permit.pk}/")
    assert page.locator("#filing-check .check-fail").count() == 0, page.locator(
        "#filing-check"
    ).inner_text()
    click_action(page, "/transition/file/")
    page.click("#transition-submit")
    page.wait_for_url(f"**/permits/{permit.pk}/")
    permit.refresh_from_db()
    assert permit.status == "filed" and not permit.filed_late

    # 2. The sub-district officer acknowledges it after a 30-minute briefing.
    officer = browser.new_context(viewport={"width": 1280, "height": 900})
    office = officer.new_page()
    sign_in(office, live_server, "subdistrict_officer")
    office.click(".app-nav-link[href='/permits/inbox/']")
    office.locator("#results a", has_text=permit.number).click()
    click_action(office, "/acknowledge/")
    briefing_end = timezone.now() - datetime.timedelta(minutes=5)
    office.fill("#id_started_at", local(briefing_end - datetime.timedelta(minutes=30)))
    office.fill("#id_ended_at", local(briefing_end))
    office.click("#acknowledge-submit")
    office.wait_for_url(f"**/permits/{permit.pk}/")
    assert "30" in office.locator("#briefing").inner_text()
    officer.close()
    permit.refresh_from_db()
    assert permit.status == "acknowledged"

    # 3. The principal's approval, a passing gas test, the on-site checks, start.
    page.goto(f"{live_server.url}/permits/{permit.pk}/")
    click_action(page, "/approve/")
    page.click("#move-submit")
    page.wait_for_url(f"**/permits/{permit.pk}/")
    page.click("#add-gas-test")
    fill_readings(page)
    page.click("#gas-test-submit")
    page.wait_for_selector("#readings")
    assert page.locator("#readings tr[data-passed='0']").count() == 0
    page.goto(f"{live_server.url}/permits/{permit.pk}/")
    for name in ("ventilated", "protective_equipment_confirmed", "electrical_compliant"):
        page.check(f"#id_{name}")
    page.click("#save-site-checks")
    page.wait_for_selector("#readiness")
    assert page.locator("#readiness [data-ok='0']").count() == 0, page.locator(
        "#readiness"
    ).inner_text()
    click_action(page, "/transition/start/")
    page.click("#transition-submit")
    page.wait_for_url(f"**/permits/{permit.pk}/")
    permit.refresh_from_db()
    assert permit.status == "in_progress"

    # 4. At the site, on a phone: in, a periodic reading, out, complete.
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    sign_in(phone, live_server, "enterprise_manager")
    phone.goto(f"{live_server.url}/permits/{permit.pk}/site/")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 391
    entrant_row = phone.locator(f".site-person[data-person='{people['entrant'].name}']")
    entrant_row.locator("button.entry-in").click()
    phone.wait_for_selector(
        f".site-person[data-person='{people['entrant'].name}'][data-inside='1']"
    )
    assert phone.locator("#inside-count .site-figure-value").inner_text() == "1"
    box = entrant_row.locator("button").bounding_box()
    assert box["height"] >= 44  # a thumb-sized button
    # Completion is refused while someone is inside, and says who.
    phone.check("#id_isolation_restored")
    phone.click("#complete-work")
    assert people["entrant"].name in phone.locator("#refusal-reasons").inner_text()
    phone.click("#record-reading")
    fill_readings(phone)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 391
    phone.click("#gas-test-submit")
    phone.wait_for_url(f"**/permits/{permit.pk}/site/")
    assert phone.locator("#last-test .status-badge[data-status='done']").count() == 1
    phone.locator(f".site-person[data-person='{people['entrant'].name}'] button.entry-out").click()
    phone.wait_for_selector(
        f".site-person[data-person='{people['entrant'].name}'][data-inside='0']"
    )
    phone.check("#id_isolation_restored")
    phone.click("#complete-work")
    phone.wait_for_url(f"**/permits/{permit.pk}/")
    phone_context.close()
    permit.refresh_from_db()
    assert permit.status == "completed"

    # 5. Acceptance by the work leader and the enterprise.
    page.goto(f"{live_server.url}/permits/{permit.pk}/")
    click_action(page, "/accept/")
    page.click("#move-submit")
    page.wait_for_url(f"**/permits/{permit.pk}/")
    permit.refresh_from_db()
    assert permit.status == "accepted"
    assert permit.accepted_by_leader == people["leader"]


def test_start_refused_shows_the_failing_conditions(page, live_server, site_world):
    from django.utils import translation

    from anjian.permits import rules
    from anjian.permits.models import Permit
    from anjian.permits.testing import ready_permit

    _world, enterprise, _space, _people = site_world
    permit = ready_permit(enterprise)
    Permit._base_manager.filter(pk=permit.pk).update(ventilated=False, electrical_compliant=False)
    sign_in(page, live_server, "enterprise_manager")
    page.goto(f"{live_server.url}/permits/{permit.pk}/")
    failing = page.locator("#readiness [data-ok='0']")
    assert failing.count() == 2
    assert {failing.nth(i).get_attribute("data-condition") for i in range(2)} == {
        "ventilation",
        "electrical",
    }
    click_action(page, "/transition/start/")
    page.click("#transition-submit")
    reasons = page.locator("#refusal-reasons").inner_text()
    with translation.override("zh-hans"):
        expected = [r for c in rules.readiness(permit) for r in c.reasons]
    assert len(expected) == 2
    for reason in expected:
        assert reason in reasons
    permit.refresh_from_db()
    assert permit.status == "approved"
