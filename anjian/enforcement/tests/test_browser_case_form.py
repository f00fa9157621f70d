"""A real browser: the case form shows a person's fields only when the party is a person (CSS
alone, no script), and says what a person case without an enterprise on file lacks."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_party_kind_switches_the_fields(page, live_server):
    from anjian.accounts.testing import PASSWORD, build_world
    from anjian.enforcement.models import EnforcementCase

    build_world()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "regulator")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/enforcement/add/")
    assert page.locator("#id_party_kind_0").is_checked()  # the enterprise, by default
    assert not page.locator("#id_person_name").is_visible()
    page.check("#id_party_kind_1")
    assert page.locator("#id_person_name").is_visible()
    page.fill("#id_person_name", "罗国强")
    page.fill("#id_person_position", "清淤班组长")
    page.fill("#id_facts", "未经审批组织人员进入化粪池清淤")
    page.fill("#id_person_organization", "某清淤服务部")
    # No enterprise on file: the region is asked for (autocomplete), so choose it.
    page.check("#id_party_kind_0")
    assert not page.locator("#id_person_name").is_visible()
    page.check("#id_party_kind_1")
    page.click("#form-submit")
    page.wait_for_load_state()
    # Without an enterprise or a region the form says what is missing.
    assert "当事人无在册企业时，请选择其所在区域。" in page.content()
    assert not EnforcementCase.objects.exists()
