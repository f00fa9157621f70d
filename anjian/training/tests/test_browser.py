"""A real browser (Debian's chromium through Playwright): record a session with one pass and one
fail → the pass has a certificate that verifies publicly, the fail has none."""

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


def _add_attendee(page, base, name):
    page.click("#add-attendee")
    page.wait_for_url("**/training/attendances/add/**")
    page.select_option("#id_person", label=name)
    page.click("#form-submit")
    page.wait_for_url(f"{base}/training/sessions/*/")


def _assess(page, base, name, score):
    # The score decides at the pass mark (60); there is no separate pass/fail choice.
    page.click(f'tr[data-person="{name}"] .assess-link')
    page.wait_for_url("**/assess/")
    page.fill("#id_score", score)
    page.click("#form-submit")
    page.wait_for_url(f"{base}/training/sessions/*/")


@pytest.mark.django_db(transaction=True)
def test_record_a_session_one_pass_one_fail_and_verify_publicly(browser, live_server):
    from anjian.accounts.testing import PASSWORD, build_world
    from anjian.training.models import Certificate, TrainingSession
    from anjian.training.testing import person_in

    world = build_world()
    village = world.regions["village"]
    person_in(world, village, name="合格工人")
    person_in(world, village, name="未过工人")
    base = live_server.url

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/training/sessions/add/")
    page.select_option("#id_kind", "confined_space")
    page.fill("#id_topic", "有限空间作业能力提升培训班（浏览器测试）")
    page.fill("#id_held_on", "2026-03-18")
    page.fill("#id_hours", "16")
    page.select_option("#id_organization", label="外海街道办事处")
    page.fill("#id_provider", "江海区安全生产协会")
    page.click("#form-submit")
    page.wait_for_url(f"{base}/training/sessions/*/")
    session = TrainingSession.objects.get(topic="有限空间作业能力提升培训班（浏览器测试）")

    _add_attendee(page, base, "合格工人")
    _add_attendee(page, base, "未过工人")
    _assess(page, base, "合格工人", "92")
    _assess(page, base, "未过工人", "41")

    passed_cell = page.locator('tr[data-person="合格工人"] .certificate-cell')
    failed_cell = page.locator('tr[data-person="未过工人"] .certificate-cell')
    number = passed_cell.inner_text().strip()
    assert number.startswith("PX2026-")
    assert failed_cell.inner_text().strip() == "—"
    certificate = Certificate.objects.get(number=number)
    assert certificate.attendance.session == session
    assert Certificate.objects.count() == 1

    # The printed certificate's QR link opens the public page, for anyone, signed in or not.
    page.goto(f"{base}/training/certificates/{certificate.pk}/print/")
    assert page.locator("#certificate-qr").is_visible()
    verify_url = page.locator("#verify-link").get_attribute("href")
    public = browser.new_context().new_page()
    public.goto(verify_url)
    assert public.locator("#verify-number").inner_text() == number
    assert public.locator("#verify-holder").inner_text() == "合**人"
    assert "合格工人" not in public.content()
    assert public.locator('#verification [data-status="valid"]').count() == 1
    missing = public.goto(f"{base}/training/verify/PX2026-UNKNOWN0/")
    assert missing.status == 404


def _pick(page, field, text):
    """Choose one option of a tom-select through the scoped autocomplete."""
    wrapper = page.locator(".ts-wrapper", has=page.locator(f"#id_{field}-ts-control"))
    wrapper.locator(".ts-control").click()
    control = page.locator(f"#id_{field}-ts-control")
    control.press_sequentially(text, delay=30)
    option = page.locator(".ts-dropdown .option", has_text=text).first
    option.wait_for()
    option.click()
    control.press("Escape")


@pytest.mark.django_db(transaction=True)
def test_bulk_attendance_and_assessing_a_whole_session(browser, live_server):
    """Pick two people through the scoped autocomplete and paste the ID numbers of three more;
    then assess all five on the session's one assessment page."""
    import datetime

    from anjian.accounts.testing import PASSWORD, build_world
    from anjian.training.models import Attendance, Certificate
    from anjian.training.testing import person_in, session_in

    world = build_world()
    village = world.regions["village"]
    picked = [person_in(world, village, name=name) for name in ("甲焊工", "乙电工")]
    pasted = [person_in(world, village, name=f"丙{n}号工人") for n in range(3)]
    session = session_in(world, village, held_on=datetime.date(2026, 11, 20), topic="班组培训")
    base = live_server.url

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "subdistrict_officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/training/sessions/{session.pk}/")
    page.click("#add-attendees")
    page.wait_for_url("**/attendees/")
    for person in picked:
        _pick(page, "people", person.name)
    # One unknown number among the pasted ones: nothing is added, the number is named.
    unknown = "440704196203150013"
    numbers = "\n".join([p.id_number for p in pasted] + [unknown])
    page.fill("#id_id_numbers", numbers)
    page.click("#form-submit")
    page.wait_for_load_state()
    assert unknown in page.content()
    assert Attendance.objects.filter(session=session).count() == 0
    page.fill("#id_id_numbers", "\n".join(p.id_number for p in pasted))
    if page.locator(".ts-wrapper .item").count() < 2:  # re-pick after the refusal
        for person in picked:
            _pick(page, "people", person.name)
    page.click("#form-submit")
    page.wait_for_url(f"{base}/training/sessions/{session.pk}/")
    assert Attendance.objects.filter(session=session).count() == 5

    page.click("#assess-session")
    page.wait_for_url("**/assess/")
    rows = page.locator("#session-assessment tbody tr")
    assert rows.count() == 5
    scores = {"甲焊工": "95", "乙电工": "58"}
    for i in range(5):
        name = rows.nth(i).get_attribute("data-person")
        rows.nth(i).locator("input[name$='-score']").fill(scores.get(name, "75"))
    page.click("#form-submit")
    page.wait_for_url(f"{base}/training/sessions/{session.pk}/")
    assert Certificate.objects.filter(attendance__session=session).count() == 4
    assert page.locator('tr[data-person="乙电工"] .certificate-cell').inner_text().strip() == "—"
    assert page.locator("#assess-session").count() == 0
