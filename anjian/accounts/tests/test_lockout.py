"""One lock-out for every door (issue 7, point 2): the sign-in page and the API token endpoint
count failures together, per address and per account; an address is locked before the account;
an administrator lifts an account's lock."""

from django.urls import reverse
from rest_framework.authtoken.models import Token

from anjian.accounts.testing import PASSWORD
from anjian.core.models import AuditEvent

STRANGER = "203.0.113.9"  # documentation addresses (RFC 5737)
ELSEWHERE = "198.51.100.7"
DESK = "192.0.2.44"
TOKEN_URL = "/api/auth/token/"


def _sign_in(client, username, password, address):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _token(api_client, username, password, address):
    return api_client.post(
        TOKEN_URL, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_thirty_wrong_passwords_then_the_right_one_give_no_token(world, api_client):
    for _ in range(30):
        assert _token(api_client, "regulator", "wrong-guess", STRANGER).status_code in (400, 429)
    response = _token(api_client, "regulator", PASSWORD, STRANGER)
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "登录失败次数过多" in response.json()["detail"]  # the user's language (Chinese default)
    assert not Token.objects.exists()


def test_thirty_wrong_passwords_then_the_right_one_give_no_session(world, client):
    for _ in range(30):
        _sign_in(client, "regulator", "wrong-guess", STRANGER)
    response = _sign_in(client, "regulator", PASSWORD, STRANGER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_page_and_token_endpoint_share_one_count(world, client, api_client, settings):
    settings.ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for _ in range(2):
        _sign_in(client, "regulator", "wrong-guess", STRANGER)
        _token(api_client, "regulator", "wrong-guess", STRANGER)
    assert _token(api_client, "regulator", PASSWORD, STRANGER).status_code == 429
    assert _sign_in(client, "regulator", PASSWORD, STRANGER).status_code == 429


def test_a_locked_account_gets_no_token_from_any_address(world, api_client, settings):
    settings.ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 5
    settings.ANJIAN_LOGIN_MAX_FAILURES = 10
    for address in (STRANGER, ELSEWHERE):
        for _ in range(5):
            _token(api_client, "regulator", "wrong-guess", address)
    response = _token(api_client, "regulator", PASSWORD, DESK)
    assert response.status_code == 429 and not Token.objects.exists()
    event = AuditEvent.objects.filter(action="security.locked_out").latest("id")
    assert "username" in event.detail["locked"]  # (the second address locked itself too)
    assert event.region_path == world.regions["district"].path


def test_a_stranger_locks_their_own_address_not_the_administrator(world, client, api_client):
    for _ in range(30):
        _sign_in(client, "admin", "wrong-guess", STRANGER)
        _token(api_client, "admin", "wrong-guess", STRANGER)
    assert _sign_in(client, "admin", PASSWORD, STRANGER).status_code == 429
    # The administrator, at their own desk, is not locked out.
    assert _sign_in(client, "admin", PASSWORD, DESK).status_code == 302
    assert _token(api_client, "admin", PASSWORD, DESK).status_code == 200
    locks = AuditEvent.objects.filter(action="security.locked_out")
    assert [e.detail["locked"] for e in locks] == [["ip_address"]]  # tripped once, not extended


def test_a_lock_lasts_the_configured_minutes(world, client, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        _sign_in(client, "regulator", "wrong-guess", STRANGER)
    assert _sign_in(client, "regulator", PASSWORD, STRANGER).status_code == 429
    earlier = AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert _sign_in(client, "regulator", PASSWORD, STRANGER).status_code == 302


def test_an_administrator_unlocks_an_account(world, client):
    target = world.users["grid_worker"]
    for address in (STRANGER, ELSEWHERE):
        for _ in range(5):
            _sign_in(client, target.username, "wrong-guess", address)
    assert _sign_in(client, target.username, PASSWORD, DESK).status_code == 429

    client.force_login(world.users["admin"])
    page = client.get(reverse("accounts:user_detail", args=[target.pk]))
    assert 'id="sign-in-locked"' in page.content.decode()
    unlock = reverse("accounts:user_unlock", args=[target.pk])
    assert f'action="{unlock}"' in page.content.decode()
    assert client.post(unlock).status_code == 302
    event = AuditEvent.objects.get(action="security.unlocked")
    assert event.actor == world.users["admin"] and event.object_id == str(target.pk)
    assert event.region_path == world.regions["village"].path
    client.logout()
    assert _sign_in(client, target.username, PASSWORD, DESK).status_code == 302


def test_the_api_unlocks_an_account_through_the_same_function(world, client, api_client):
    target = world.users["grid_worker"]
    for address in (STRANGER, ELSEWHERE):
        for _ in range(5):
            _sign_in(client, target.username, "wrong-guess", address)
    api_client.force_authenticate(world.users["regulator"])  # may view, not change
    assert api_client.post(f"/api/users/{target.pk}/unlock/").status_code == 403
    api_client.force_authenticate(world.users["admin"])
    assert api_client.post(f"/api/users/{target.pk}/unlock/").status_code == 204
    assert AuditEvent.objects.filter(action="security.unlocked").count() == 1
    assert _sign_in(client, target.username, PASSWORD, DESK).status_code == 302


def test_only_someone_who_may_change_the_account_unlocks_it(world, client):
    target = world.users["grid_worker"]
    client.force_login(world.users["regulator"])  # may view accounts, not change them
    assert client.post(reverse("accounts:user_unlock", args=[target.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="security.unlocked").exists()


def test_a_successful_sign_in_forgives_only_its_own_typos(world, client, settings):
    settings.ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 5
    for persona in ("committee", "regulator"):  # colleagues behind one office address mistype
        for _ in range(2):
            _sign_in(client, persona, "typo", DESK)
    assert _sign_in(client, "regulator", PASSWORD, DESK).status_code == 302  # 4 failures so far
    client.logout()
    for _ in range(2):
        _sign_in(client, "auditor", "typo", DESK)
    # 6 failures counted without forgiveness; the regulator's own 2 were forgiven.
    assert _sign_in(client, "auditor", PASSWORD, DESK).status_code == 302
    client.logout()
    for _ in range(3):
        _sign_in(client, "leader", "typo", DESK)
    # The committee member's 2 typos still count: 2 + 3 reach the address's limit.
    assert _sign_in(client, "leader", PASSWORD, DESK).status_code == 429


def test_client_address_behind_a_trusted_proxy(rf, settings):
    from anjian.core.audit import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9")
    settings.ANJIAN_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.ANJIAN_TRUSTED_PROXY_COUNT = 1  # nginx appended the address it saw
    assert client_ip(request) == "203.0.113.9"
    forged = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(forged) == "127.0.0.1"
