"""Signing in and out, the lock-out, and the audit log page."""

from django.urls import reverse

from anjian.accounts.testing import PASSWORD
from anjian.core.models import AuditEvent


def test_login_logout_are_audited(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "regulator", "password": PASSWORD}
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["security.login", "security.logout"]


def test_wrong_password_and_unknown_user_get_the_same_clear_message(world, client):
    wrong = client.post(reverse("accounts:login"), {"username": "regulator", "password": "x"})
    unknown = client.post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert "用户名" in wrong.context["form"].non_field_errors()[0]  # Chinese by default
    assert AuditEvent.objects.filter(action="security.login_failed").count() == 2


def test_lockout_after_repeated_failures(world, client, settings):
    settings.ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "regulator", "password": "x"})
    locked = client.post(reverse("accounts:login"), {"username": "regulator", "password": PASSWORD})
    assert locked.status_code == 429  # the right password is refused while locked
    assert "_auth_user_id" not in client.session
    assert "登录失败次数过多" in locked.context["form"].non_field_errors()[0]


def test_expired_session_redirects_to_login(world, client):
    client.force_login(world.users["regulator"])
    client.cookies["sessionid"] = "expired-or-forged"
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_out_of_scope_record_answers_404_and_is_audited(world, client):
    client.force_login(world.users["subdistrict_officer"])
    other = world.regions["other_village"]
    assert client.get(reverse("regions:region_detail", args=[other.pk])).status_code == 404
    assert client.get(f"/api/regions/{other.pk}/").status_code == 404
    assert (
        AuditEvent.objects.filter(action="security.access_refused", object_id=str(other.pk)).count()
        == 2
    )


def test_audit_page_for_auditors_and_administrators_only(world, client):
    from anjian.core import audit

    audit.record("test.inside", actor=world.users["regulator"])
    audit.record("test.elsewhere", region_path=world.regions["other_district"].path)
    client.force_login(world.users["auditor"])
    response = client.get(reverse("core:auditevent_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "test.inside" in content and "test.elsewhere" not in content
    client.force_login(world.users["regulator"])
    assert client.get(reverse("core:auditevent_list")).status_code == 403
    client.force_login(world.users["admin"])
    assert "test.elsewhere" in client.get(reverse("core:auditevent_list")).content.decode()


def test_audit_events_cannot_be_changed_or_deleted(world):
    import pytest
    from django.core.exceptions import ValidationError

    from anjian.core import audit

    event = audit.record("test.fact", actor=world.users["admin"])
    event.action = "test.forged"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_malformed_filter_gets_an_error_not_a_crash(world, client, api_client):
    client.force_login(world.users["admin"])
    response = client.get(reverse("regions:region_list"), {"within": "not-a-number"})
    assert response.status_code == 200
    assert response.context["filter"].errors
    api_client.force_authenticate(world.users["admin"])
    assert api_client.get("/api/regions/", {"within": "abc"}).status_code == 400


def test_history_records_author_of_each_change(world, client):
    client.force_login(world.users["admin"])
    region = world.regions["village"]
    client.post(
        reverse("regions:region_edit", args=[region.pk]),
        {
            "code": region.code,
            "name": "东南村（改）",
            "level": region.level,
            "parent": region.parent_id,
        },
    )
    latest = region.history.first()
    assert latest.name == "东南村（改）" and latest.history_user == world.users["admin"]


def test_api_token_auth(world, api_client):
    response = api_client.post("/api/auth/token/", {"username": "regulator", "password": PASSWORD})
    assert response.status_code == 200 and response.data["expires"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert api_client.get("/api/regions/").status_code == 200


def test_openapi_lists_the_endpoints(world, client):
    response = client.get("/api/schema/", {"format": "json"})
    paths = response.json()["paths"]
    for endpoint in [
        "/api/regions/",
        "/api/organizations/",
        "/api/users/",
        "/api/users/{id}/transition/",
    ]:
        assert endpoint in paths


def test_every_role_permission_exists_after_migrate(db):
    """The role table names only permissions that exist (a typo would silently grant nothing)."""
    from anjian.accounts import roles

    assert roles.sync_roles() == []
