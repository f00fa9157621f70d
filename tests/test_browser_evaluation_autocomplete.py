"""The evaluation's forms pick related records through the scoped autocomplete, in a real browser
(Debian's chromium through Playwright): the committee office types part of a name, chooses the
match and saves — a member organisation of the working group, and the body a finding is handed to.
The choices are only what the office may view (the city's committee office is not offered)."""

import pytest

from tests.test_browser_evaluation import DESKTOP, choose, evaluation_world, sign_in  # noqa: F401

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium


def offered_for(page, field_id, typed, expected):
    """The texts the autocomplete offers for ``typed``, once ``expected`` is among them."""
    page.locator(".ts-wrapper", has=page.locator(f"#{field_id}-ts-control")).locator(
        ".ts-control"
    ).click()
    control = page.locator(f"#{field_id}-ts-control")
    control.press_sequentially(typed, delay=30)
    options = page.locator(f".ts-dropdown .option[id^='{field_id}-opt']")
    options.filter(has_text=expected).first.wait_for(timeout=60_000)
    return options.all_inner_texts()


def test_committee_types_and_chooses_related_records(evaluation_world, browser, live_server):  # noqa: F811 (the shared fixture)
    from anjian.evaluations.models import Finding

    world, evaluation, _item = evaluation_world
    union = world.organizations["union"]
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "committee")

    # The working group: a member organisation typed and chosen (many-to-many autocomplete).
    page.goto(f"{live_server.url}/evaluations/{evaluation.pk}/edit/")
    page.wait_for_selector("#id_members-ts-control")
    assert page.locator("#id_members option").count() == 0  # no table loaded into the page
    offered = offered_for(page, "id_members", "安委办", "区安委办")
    assert not any("市安委办" in text for text in offered)  # the city's is out of view
    page.reload()  # a fresh control: nothing typed, nothing chosen
    page.wait_for_selector("#id_members-ts-control")
    choose(page, "id_members", "总工会")
    page.click("#form-submit")
    page.wait_for_url(f"{live_server.url}/evaluations/{evaluation.pk}/")
    assert list(evaluation.members.all()) == [union]
    assert "区总工会" in page.inner_text("#working-group")

    # A finding handed to an organisation, opened from the evaluation (which comes chosen).
    page.click("#add-finding")
    page.wait_for_selector("#id_problem")
    assert page.locator("#id_evaluation").input_value() == str(evaluation.pk)
    page.fill("#id_problem", "事故企业未按期完成有限空间作业安全培训。")
    choose(page, "id_handed_to_organization", "总工会")
    page.fill("#id_deadline", "2030-06-30")
    page.click("#form-submit")
    page.wait_for_url(f"{live_server.url}/evaluations/findings/*/")
    finding = Finding.objects.get(evaluation=evaluation)
    assert finding.handed_to_organization == union and finding.hazard_id is None
    context.close()
