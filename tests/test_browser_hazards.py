"""The hazard's closed loop in a real browser (Debian's chromium through Playwright), clicking as
the people do: the enterprise's safety manager, on a phone, submits its fix with a photo → the
village's grid worker signs the first tier → the sub-district officer signs and the hazard closes.
And a public report: a passer-by reports from the enterprise's QR without an account, the grid
worker verifies it into a hazard, the tracking code shows only the status."""

import datetime

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def sign_in(page, live_server, username):
    from anjian.accounts.testing import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def loop_world(transactional_db):
    """The persona world, the seeded tiers and criteria (a flush of an earlier live-server test
    removes the migration's rows), and a hazard of 恒亦达 being rectified."""
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    from anjian.accounts.testing import build_world
    from anjian.hazards import services

    import_module("anjian.hazards.migrations.0002_seed_criteria_and_tiers").seed(apps, None)
    world = build_world()
    hazard = services.report_hazard(
        world.enterprises["inside"],
        actor=world.users["grid_worker"],
        description="二层污水站隔离门高度不足，未张贴安全警示标志",
        source="inspection",
        measures="加高隔离门至1.8米，张贴警示标志",
        responsible_name="陈志明",
        deadline=timezone.localdate() + datetime.timedelta(days=20),
    )
    services.transition(hazard, "start", actor=world.users["enterprise_manager"])
    return world, hazard


def test_fix_with_a_photo_then_village_then_subdistrict_closes(
    loop_world, browser, live_server, tmp_path
):
    from anjian.hazards.models import Hazard, HazardVerification
    from anjian.hazards.testing import PNG

    world, hazard = loop_world
    url = f"{live_server.url}/hazards/{hazard.pk}/"
    photo = tmp_path / "fixed.png"
    photo.write_bytes(PNG)

    # The enterprise, on a phone: what was done and a photo after rectification, one step.
    context = browser.new_context(**PHONE)
    page = context.new_page()
    sign_in(page, live_server, world.users["enterprise_manager"].username)
    page.goto(url)
    page.fill("#id_note", "隔离门已加高至1.8米并上锁，已张贴警示标志")
    page.set_input_files("#id_fix_photo", str(photo))
    page.click("#submit-fix-button")
    page.wait_for_url(url)
    assert page.locator("#fix-photos img").count() == 1
    hazard.refresh_from_db()
    assert hazard.status == "submitted"
    # the enterprise is offered no sign-off
    assert page.locator('a[href$="/transition/verify/"]').count() == 0
    context.close()

    # The village's grid worker signs the first tier.
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, world.users["grid_worker"].username)
    page.goto(url)
    assert page.locator('a[href$="/transition/close/"]').count() == 0
    page.click('a[href$="/transition/verify/"]')
    page.fill("#id_reason", "现场核查：门高1.8米，警示标志已张贴")
    page.click("#transition-submit")
    page.wait_for_url(url)
    assert page.locator(".signoff-row").count() == 1
    context.close()
    hazard.refresh_from_db()
    assert hazard.status == "submitted"

    # The sub-district officer signs the last tier: the hazard closes.
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, world.users["subdistrict_officer"].username)
    page.goto(url)
    page.click('a[href$="/transition/close/"]')
    page.click("#transition-submit")
    page.wait_for_url(url)
    assert page.locator(".signoff-row").count() == 2
    assert page.locator('.status-badge[data-status="closed"]').count() >= 1
    context.close()
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == "closed"
    assert list(
        HazardVerification.objects.filter(hazard=hazard).values_list("signer_level", flat=True)
    ) == ["village", "subdistrict"]


def test_a_citizen_reports_from_the_qr_and_the_village_verifies_it(
    loop_world, browser, live_server, tmp_path
):
    """A passer-by scans the enterprise's QR, writes what they saw with a photo and gets a tracking
    code, with no account; the village's grid worker opens the report and records it as a hazard;
    the code then shows only that status."""
    from django.utils.translation import gettext, override

    from anjian.hazards.choices import PublicReportStatus
    from anjian.hazards.models import Hazard, PublicReport
    from anjian.hazards.testing import PNG

    world, _hazard = loop_world
    enterprise = world.enterprises["inside"]
    photo = tmp_path / "seen.png"
    photo.write_bytes(PNG)

    citizen = browser.new_context(**PHONE).new_page()
    citizen.goto(f"{live_server.url}/report/e/{enterprise.uscc}/")
    assert enterprise.name in citizen.inner_text("#report-enterprise")
    citizen.fill("#id_description", "污水池旁的盖板被移开，没有围挡")
    citizen.fill("#id_place", "厂区东侧污水池")
    citizen.set_input_files("#id_photos", str(photo))
    citizen.click("#report-submit")
    code = citizen.inner_text("#tracking-code").strip()
    report = PublicReport._base_manager.get(tracking_code=code)
    assert report.enterprise == enterprise and report.photos.count() == 1
    citizen.locator("#report-received a").click()
    with override("zh-hans"):
        received = gettext(PublicReportStatus.RECEIVED.label)
        accepted = gettext(PublicReportStatus.ACCEPTED.label)
    assert citizen.inner_text("#report-status") == received

    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, world.users["grid_worker"].username)
    page.goto(f"{live_server.url}/hazards/public-reports/")
    page.locator(f"#results a[href$='/public-reports/{report.pk}/']").first.click()
    page.wait_for_selector("#accept-report")
    assert page.locator("#report-photos img").count() == 1
    page.click("#accept-report-button")
    page.wait_for_url(f"{live_server.url}/hazards/*/")
    hazard = Hazard.objects.get(public_report=report)
    assert hazard.enterprise == enterprise and page.url.endswith(f"/hazards/{hazard.pk}/")

    citizen.reload()
    assert citizen.inner_text("#report-status") == accepted
    assert "污水池" not in citizen.inner_text("main")  # the status only, nothing of the record
    context.close()
