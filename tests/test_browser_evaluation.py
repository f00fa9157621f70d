"""The evaluation in a real browser (Debian's chromium through Playwright), clicking as the
committee office does (issue 12: "the committee office opens the seed evaluation, records a
verdict, downloads the report").

The seed evaluation is the demo's, as the seed gives it: approved and published a year after the
accident. The office finds it in the list, opens it, sees that it is read-only (no verdict is
recorded on a published report — nothing offers it) and downloads its report, a Word document
holding the seed's sections and names. Recording a verdict is done where the work is still open:
an evaluation built by the test, whose verdict then shows in its report page and its Word file;
the public listing without sign-in shows it once published."""

import io

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def sign_in(page, live_server, username, password=None):
    from anjian.accounts.testing import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")


def choose(page, field_id, text):
    """A plain select, or a searchable one (tom-select): type, then click the match."""
    control = page.locator(f"#{field_id}-ts-control")
    if control.count():
        page.locator(".ts-wrapper", has=control).locator(".ts-control").click()
        control.press_sequentially(text, delay=30)
        option = page.locator(f".ts-dropdown .option[id^='{field_id}-opt']", has_text=text).first
        option.wait_for(state="attached", timeout=60_000)
        # Enter picks the first match, as a user typing the name does (one item matches).
        control.press("Enter")
        assert page.locator(f"#{field_id}").input_value(), f"nothing chosen in {field_id}"
    else:
        page.select_option(f"#{field_id}", label=text)


@pytest.fixture
def evaluation_world(transactional_db):
    from anjian.accounts.testing import build_world
    from anjian.evaluations import testing as T

    world = build_world()
    evaluation = T.evaluation_in(
        world, world.regions["subdistrict"], conclusion="各项处理建议和防范整改措施已落实到位。"
    )
    item = T.add_item(
        evaluation.accident,
        person_name="周某乙",
        track="administrative_penalty",
        amount=25200,
        document_number="江海应急罚〔2023〕9号",
        status="done",
    )
    return world, evaluation, item


def docx_text(path) -> str:
    import docx

    document = docx.Document(io.BytesIO(open(path, "rb").read()))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.django_db(transaction=True)
def test_committee_opens_the_seed_evaluation_and_downloads_its_report(browser, live_server):
    from anjian.demo.world import demo_password, load

    load()  # the demo world, once for this module: the seed evaluation of 恒亦达's “4·5” accident
    context = browser.new_context(accept_downloads=True, **DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "awb_li", demo_password())  # 区安委办, the organiser
    page.goto(f"{live_server.url}/evaluations/?q=恒亦达")
    page.locator("table a", has_text="恒亦达").first.click()
    page.wait_for_selector("#working-group")
    assert "听取汇报" in page.inner_text("#working-group")  # the methods by name, not code
    # Published: read-only, said so, and nothing offers a verdict, a finding or an edit.
    assert page.locator("#evaluation-read-only").is_visible()
    assert page.locator("#item-verdicts .card-footer").count() == 0
    assert page.locator("#add-finding").count() == 0
    assert page.locator("a[href$='/edit/']").count() == 0

    with page.expect_download() as info:
        page.click("#evaluation-report-download")
    assert info.value.suggested_filename.endswith(".docx")
    text = docx_text(info.value.path())
    for expected in (
        "二、责任追究意见落实情况",
        "六、评估意见",
        "陈庆芳",
        "一诠科技（中国）有限公司",
    ):
        assert expected in text, expected
    context.close()


def test_committee_records_a_verdict_and_downloads_the_report(
    evaluation_world, browser, live_server
):
    from anjian.evaluations.models import Evaluation, ItemVerdict

    _world, evaluation, item = evaluation_world
    context = browser.new_context(accept_downloads=True, **DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "committee")
    page.goto(f"{live_server.url}/evaluations/{evaluation.pk}/")
    page.locator("#item-verdicts a", has_text="Record a verdict").or_(
        page.locator("#item-verdicts .card-footer a")
    ).first.click()
    page.wait_for_selector("#id_verdict")
    if (
        page.locator("#id_evaluation").is_visible()
        or page.locator("#id_evaluation-ts-control").count()
    ):
        if not page.locator("#id_evaluation").input_value():
            choose(page, "id_evaluation", evaluation.accident.name)
    choose(page, "id_item", "周某乙")
    page.select_option("#id_verdict", "implemented")
    page.fill("#id_comment", "罚款已缴清。")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/evaluations/{evaluation.pk}/")
    assert ItemVerdict.objects.filter(
        evaluation=evaluation, item=item, verdict="implemented"
    ).exists()

    page.click("#evaluation-report-page")
    page.wait_for_selector(".evaluation-report")
    assert "罚款已缴清。" in page.inner_text(".evaluation-report")
    with page.expect_download() as info:
        page.click("#report-download")
    text = docx_text(info.value.path())
    assert "六、评估意见" in text and "25200元" in text and "江海应急罚〔2023〕9号" in text
    assert "罚款已缴清。" in text

    Evaluation._base_manager.filter(pk=evaluation.pk).update(status="published")
    anonymous = browser.new_context(**DESKTOP).new_page()
    anonymous.goto(f"{live_server.url}/evaluations/public/")
    anonymous.click(f"text={evaluation.accident.name}")
    anonymous.wait_for_selector(".evaluation-report")
    public_text = anonymous.inner_text(".evaluation-report")
    assert "周某乙" not in public_text and "周某某" in public_text
    context.close()


def test_regulator_plans_a_spot_check_from_the_evaluation(evaluation_world, browser, live_server):
    """The bureau's staff in the working group plan a spot check of a similar enterprise from the
    open evaluation's page (issue 12: "抽查了同类企业"): the link, the form, the inspection."""
    import datetime

    from anjian.evaluations.models import SpotCheck

    world, evaluation, _item = evaluation_world
    similar = world.enterprise_for(world.regions["village"])
    day = datetime.date.today() + datetime.timedelta(days=3)
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "regulator")
    page.goto(f"{live_server.url}/evaluations/{evaluation.pk}/")
    assert page.locator("#spot-checks .list-group-item a").count() == 0  # none planned yet
    page.click("#plan-spot-check")
    page.wait_for_selector("#id_planned_on")
    choose(page, "id_enterprise", similar.name)
    page.fill("#id_planned_on", day.isoformat())
    assert page.locator("#id_template").input_value()  # the confined-space checklist, preselected
    page.fill("#id_inspector_names", "王明、李强")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/evaluations/{evaluation.pk}/#spot-checks")
    link = SpotCheck.objects.select_related("inspection").get(evaluation=evaluation)
    assert link.inspection.enterprise == similar and link.inspection.planned_on == day
    assert link.inspection.kind == "evaluation_spot_check"
    # The planned inspection is listed on the evaluation and opens from there.
    page.locator("#spot-checks .list-group-item a", has_text=similar.name).click()
    page.wait_for_url(f"{live_server.url}/inspections/{link.inspection.pk}/")
    assert "王明、李强" in page.inner_text("main")
    context.close()
