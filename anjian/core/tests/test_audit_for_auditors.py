"""The district auditor sees, on /audit/, the failed sign-ins and refused transitions of the
district (issue 7, point 7), each code in words."""

from django.urls import reverse

from anjian.accounts.testing import UserFactory
from anjian.core.models import AuditEvent
from anjian.core.workflow import TransitionRefused, perform


def _audit_page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("core:auditevent_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_failed_sign_ins_carry_the_region_of_the_account_named(world, client):
    client.post(reverse("accounts:login"), {"username": "grid_worker", "password": "x"})
    event = AuditEvent.objects.get(action="security.login_failed")
    assert event.region_path == world.regions["village"].path


def test_the_district_auditor_sees_failed_sign_ins_of_the_district(world, client):
    elsewhere = UserFactory(username="hsj_chen", jurisdiction=world.regions["other_district"])
    for username in ("grid_worker", "no_such_person", elsewhere.username):
        client.post(reverse("accounts:login"), {"username": username, "password": "x"})
    content = _audit_page(client, world.users["auditor"])
    assert "grid_worker" in content
    assert "no_such_person" in content  # an unknown username concerns the whole district
    assert "hsj_chen" not in content  # another district's account: its own auditors
    assert "登录失败" in content  # the code in words


def test_a_sub_district_reader_does_not_see_unknown_usernames(world):
    from anjian.core import audit

    audit.record("security.login_failed", detail={"username": "no_such_person"})
    officer = world.users["subdistrict_officer"]
    visible = AuditEvent.objects.filter(AuditEvent.scope.extra(officer.get_jurisdiction(), officer))
    assert not visible.exists()


def test_the_district_auditor_sees_refused_transitions(world, client):
    target = world.users["grid_worker"]
    try:
        perform(target, "suspend", actor=world.users["admin"], reason="")
    except TransitionRefused:
        pass
    content = _audit_page(client, world.users["auditor"])
    assert "操作被拒绝" in content and str(target) in content


def test_codes_in_words():
    from anjian.core.audit import action_label

    assert action_label("accounts.token_issued") == "签发 API 令牌"
    assert action_label("accounts.user.suspend") == "用户: 停用"
    assert action_label("accounts.user.transition_refused") == "用户: 操作被拒绝"
    assert action_label("no.such.code") == "no.such.code"
