"""Accidents in a real browser (Debian's chromium through Playwright), clicking as the people do:
the district bureau records an accident through the form (its level is derived, never typed), adds
an accountability item executed by a department and a recommendation assigned to it; the
department reports progress on what is assigned to it, does not see a recommendation assigned to
another body, and records the outcome of the item it executes from its menu's list."""

import datetime

import pytest

from tests.test_browser_evaluation import DESKTOP, choose, sign_in

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


@pytest.fixture
def accident_world(transactional_db):
    from anjian.accounts.testing import build_world

    return build_world()


def save(page):
    page.click("#form-submit")
    page.wait_for_load_state("load")
    assert page.locator(".field-errors, .alert-danger").count() == 0, page.inner_text("main")


def test_bureau_records_an_accident_and_the_department_reports_progress(
    accident_world, browser, live_server
):
    from anjian.accidents.models import (
        Accident,
        AccountabilityItem,
        ImplementationProgress,
        Recommendation,
        RecommendationAssignment,
    )

    world = accident_world
    enterprise = world.enterprises["inside"]  # 江门市恒亦达电子有限公司, in the bureau's district
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "regulator")

    # The accident, through the list's Add button; the enterprise typed and chosen.
    page.goto(f"{live_server.url}/accidents/")
    page.click(".page-actions a[href$='/accidents/add/']")
    page.wait_for_selector("#id_name")
    page.fill("#id_name", "恒亦达“3·5”中毒事故")
    page.fill("#id_occurred_at", "2025-03-05T14:45")
    page.fill("#id_place", "污水处理站好氧池")
    choose(page, "id_enterprise", "恒亦达")
    page.select_option("#id_kind", "poisoning")
    page.fill("#id_deaths", "1")
    page.fill("#id_injuries", "1")
    page.fill("#id_direct_loss", "2425000")
    save(page)
    accident = Accident.objects.get(name="恒亦达“3·5”中毒事故")
    assert accident.enterprise == enterprise
    page.wait_for_url(f"{live_server.url}/accidents/{accident.pk}/")
    # Derived from the threshold table: one death, ¥2,425,000 → 一般事故.
    assert page.inner_text("#accident-level").strip() == "一般事故"

    # An accountability item, opened from the accident's page (the accident comes chosen).
    page.click("#add-item")
    page.wait_for_selector("#id_person_name")
    assert page.locator("#id_accident").input_value() == str(accident.pk)
    page.select_option("#id_subject_kind", "person")
    page.fill("#id_person_name", "周某甲")
    page.fill("#id_position", "污水处理站负责人")
    page.select_option("#id_track", "accountability_measure")
    page.fill("#id_recommended_action", "书面检查")
    choose(page, "id_executing_organization", "区总工会")
    save(page)
    item = AccountabilityItem.objects.get(accident=accident)
    assert item.person_name == "周某甲" and item.track == "accountability_measure"
    assert item.executing_organization == world.organizations["union"]

    # A recommendation, then assigned to the district's trade union (typed and chosen).
    page.goto(f"{live_server.url}/accidents/{accident.pk}/")
    assert "周某甲" in page.inner_text("#accident-items")
    page.click("#add-recommendation")
    page.wait_for_selector("#id_text")
    assert page.locator("#id_accident").input_value() == str(accident.pk)
    page.fill("#id_number", "1")
    page.fill("#id_text", "加强有限空间作业安全培训。")
    save(page)
    assigned = Recommendation.objects.get(accident=accident, number=1)
    page.wait_for_url(f"{live_server.url}/accidents/recommendations/{assigned.pk}/")
    page.click("#recommendation-assignments .card-header a")
    page.wait_for_selector("#id_organization")
    assert page.locator("#id_recommendation").input_value() == str(assigned.pk)
    choose(page, "id_organization", "区总工会")
    save(page)
    assert RecommendationAssignment.objects.filter(
        recommendation=assigned, organization=world.organizations["union"]
    ).exists()
    context.close()

    # A second recommendation, assigned to another body only.
    other = Recommendation.objects.create(
        accident=accident, number=2, text="完善污水处理站应急救援预案。"
    )
    RecommendationAssignment.objects.create(
        recommendation=other, organization=world.organizations["bureau"]
    )

    # The department: sees its recommendation only, and reports progress on it.
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "department")
    page.goto(f"{live_server.url}/accidents/{accident.pk}/")
    recommendations = page.inner_text("#accident-recommendations")
    assert "加强有限空间作业安全培训" in recommendations
    assert "完善污水处理站应急救援预案" not in recommendations
    page.click(f"#accident-recommendations a[href$='/recommendations/{assigned.pk}/']")
    page.wait_for_selector("#recommendation-assignments")
    page.click("#recommendation-assignments .assignment a.btn")
    page.wait_for_selector("#id_text")
    today = datetime.date.today().isoformat()
    page.fill("#id_text", "已组织全体员工开展有限空间作业专题培训。")
    page.fill("#id_reported_on", today)
    save(page)
    progress = ImplementationProgress.objects.get(assignment__recommendation=assigned)
    assert progress.assignment.organization == world.organizations["union"]
    assert progress.reported_by == world.users["department"]
    page.goto(f"{live_server.url}/accidents/recommendations/{assigned.pk}/")
    assert "已组织全体员工开展有限空间作业专题培训" in page.inner_text(
        "#recommendation-assignments"
    )

    # The other body's recommendation does not exist for the department.
    response = page.goto(f"{live_server.url}/accidents/recommendations/{other.pk}/")
    assert response.status == 404

    # The item its organisation executes: found through the menu, its outcome recorded by
    # clicking; who is accountable and the track stay as the bureau wrote them.
    page.goto(f"{live_server.url}/")
    page.click("a[href$='/accidents/items/']")
    page.wait_for_url(f"{live_server.url}/accidents/items/")
    page.click(f"#results a[href$='/accidents/items/{item.pk}/']")
    page.wait_for_selector("#item-execution")
    assert "区总工会" in page.inner_text("#item-executing-organization")
    page.click("#report-outcome")
    page.wait_for_selector("#id_outcome")
    assert page.locator("#id_track").is_disabled()
    assert page.locator("#id_person_name").is_disabled()
    page.fill("#id_outcome", "周某甲已向区总工会作出书面检查。")
    page.fill("#id_outcome_on", today)
    page.select_option("#id_status", "done")
    save(page)
    item.refresh_from_db()
    assert item.outcome == "周某甲已向区总工会作出书面检查。" and item.status == "done"
    assert item.outcome_on.isoformat() == today
    assert item.person_name == "周某甲" and item.track == "accountability_measure"
    page.goto(f"{live_server.url}/accidents/{accident.pk}/")
    assert "周某甲已向区总工会作出书面检查" in page.inner_text("#accident-items")
    context.close()
