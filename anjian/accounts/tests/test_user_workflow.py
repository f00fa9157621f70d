"""The transition mechanism, exercised on user accounts (suspend / reactivate)."""

import threading

import pytest
from django.db import connection, connections

from anjian.accounts.choices import UserStatus
from anjian.accounts.models import User
from anjian.core.models import AuditEvent, TransitionLog
from anjian.core.workflow import TransitionRefused, perform


def test_suspend_writes_state_transition_row_audit_and_history(world):
    admin, target = world.users["admin"], world.users["grid_worker"]
    perform(target, "suspend", actor=admin, reason="离职")
    target.refresh_from_db()
    assert target.status == UserStatus.SUSPENDED and target.is_active is False
    row = TransitionLog.objects.get(object_id=target.pk, transition="suspend")
    assert (row.from_state, row.to_state, row.actor, row.reason) == (
        "active",
        "suspended",
        admin,
        "离职",
    )
    event = AuditEvent.objects.get(action="accounts.user.suspend")
    assert event.actor == admin and event.detail["reason"] == "离职"
    latest = target.history.first()
    assert latest.status == "suspended" and latest.history_user == admin


def test_suspend_refused_without_reason(world):
    with pytest.raises(TransitionRefused) as refused:
        perform(world.users["grid_worker"], "suspend", actor=world.users["admin"], reason=" ")
    assert any("reason" in r or "原因" in r for r in refused.value.reasons)


def test_suspend_refused_for_own_account_and_last_administrator(world):
    admin = world.users["admin"]
    with pytest.raises(TransitionRefused) as refused:
        perform(admin, "suspend", actor=admin, reason="x")
    assert len(refused.value.reasons) == 2  # own account, and the last administrator


def test_refused_without_permission(world):
    with pytest.raises(TransitionRefused):
        perform(world.users["grid_worker"], "suspend", actor=world.users["regulator"], reason="x")
    assert User.objects.get(pk=world.users["grid_worker"].pk).status == UserStatus.ACTIVE
    assert not TransitionLog.objects.exists()


def test_refused_from_wrong_state(world):
    target = world.users["grid_worker"]
    with pytest.raises(TransitionRefused):
        perform(target, "reactivate", actor=world.users["admin"])


def test_stale_copy_loses_compare_and_set(world):
    admin = world.users["admin"]
    first = User.objects.get(pk=world.users["grid_worker"].pk)
    stale = User.objects.get(pk=first.pk)
    perform(first, "suspend", actor=admin, reason="a")
    perform(first, "reactivate", actor=admin)
    stale.status = UserStatus.SUSPENDED  # believes it is suspended; the database says active
    with pytest.raises(TransitionRefused):
        perform(stale, "reactivate", actor=admin)
    assert TransitionLog.objects.filter(object_id=first.pk).count() == 2


def test_reactivate_restores_login(world, rf):
    from django.contrib.auth import authenticate

    admin, target = world.users["admin"], world.users["grid_worker"]
    perform(target, "suspend", actor=admin, reason="停用")
    assert (
        authenticate(rf.post("/"), username=target.username, password="persona-pass-2026") is None
    )
    perform(target, "reactivate", actor=admin)
    assert authenticate(rf.post("/"), username=target.username, password="persona-pass-2026")


def test_refused_transition_is_audited_with_the_region_of_the_account(world):
    admin, target = world.users["admin"], world.users["grid_worker"]
    with pytest.raises(TransitionRefused):
        perform(target, "suspend", actor=admin, reason="")
    event = AuditEvent.objects.get(action="accounts.user.transition_refused")
    assert event.actor == admin and event.object_id == str(target.pk)
    assert event.region_path == world.regions["village"].path
    assert event.detail["transition"] == "suspend" and event.detail["from"] == "active"
    assert event.detail["reasons"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_exactly_one_wins():
    """Two threads suspend the same account at once on PostgreSQL: one wins, one is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is checked on PostgreSQL")
    from anjian.accounts.testing import build_world

    world = build_world()
    admin = world.users["admin"]
    target_pk = world.users["grid_worker"].pk
    barrier = threading.Barrier(2)
    outcomes = []

    def move():
        try:
            copy = User.objects.get(pk=target_pk)
            actor = User.objects.get(pk=admin.pk)
            barrier.wait()
            perform(copy, "suspend", actor=actor, reason="并发")
            outcomes.append("won")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "won"]
    assert TransitionLog.objects.filter(object_id=target_pk, transition="suspend").count() == 1
