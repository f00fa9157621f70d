from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from anjian.accounts.models import Organization, User
from anjian.demo import world as demo
from anjian.regions.models import Region

pytestmark = pytest.mark.django_db


def counts():
    return {
        "regions": Region.objects.count(),
        "organizations": Organization.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "region history": Region.history.count(),
        "organization history": Organization.history.count(),
        "user history": User.history.count(),
    }


def test_loading_twice_changes_nothing():
    demo.load()
    first = counts()
    stamps = sorted(Region.objects.values_list("code", "updated_at"))
    passwords = sorted(User.objects.values_list("username", "password"))

    second_world = demo.load()

    assert counts() == first
    assert sorted(Region.objects.values_list("code", "updated_at")) == stamps
    assert sorted(User.objects.values_list("username", "password")) == passwords
    assert all(created == updated == 0 for _, created, updated, _ in second_world.summary())
    assert first["regions"] == len(demo.REGIONS)
    assert first["organizations"] == len(demo.ORGANIZATIONS)
    # later apps' loaders add their own accounts (e.g. the enterprise safety manager)
    assert first["users"] >= len(demo.USERS)
    assert User.objects.filter(username__in=[u[0] for u in demo.USERS]).count() == len(demo.USERS)


def test_the_command_is_idempotent_and_lists_the_accounts():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == first
    text = out.getvalue()
    for username, *_ in demo.USERS:
        assert username in text
    assert "外海街道应急办" in text
    assert demo.DEFAULT_PASSWORD in text


def _sign_in(username, password):
    """Authenticate as the sign-in page does: with a request, which the lock-out (axes) needs."""
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="127.0.0.1")
    return authenticate(request=request, username=username, password=password)


def test_demo_password_from_the_environment(monkeypatch):
    demo.load()
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-77")
    demo.load()
    assert _sign_in(username="yjj_wang", password="another-demo-77") is not None
    assert _sign_in(username="yjj_wang", password=demo.DEFAULT_PASSWORD) is None


def test_a_weak_demo_password_is_refused_and_nothing_is_written(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "12345678")
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Region.objects.exists()
    assert not User.objects.exists()


def test_reloading_restores_a_changed_demo_account():
    demo.load()
    User.objects.filter(username="jn_zhou").update(is_active=False, status="suspended")
    demo.load()
    user = User.objects.get(username="jn_zhou")
    assert user.is_active and user.status == "active"


def test_later_apps_register_loaders():
    seen = []

    def load_more(w):
        seen.append(sorted(w.regions) == sorted(code for code, *_ in demo.REGIONS))
        w.ensure_region(f"{demo.DONGNAN}09", "东南村第九网格", "grid", demo.DONGNAN)

    assert demo.register(load_more) is load_more
    demo.register(load_more)
    try:
        assert demo.LOADERS.count(load_more) == 1
        demo.load()
    finally:
        demo.LOADERS.remove(load_more)
    assert seen == [True]
    assert Region.objects.filter(name="东南村第九网格").exists()


def test_the_demo_loads_after_a_flush_emptied_the_reference_tables():
    """``manage.py flush`` empties what the migrations seeded; load_demo puts it back."""
    from anjian.enterprises.models import GradeFrequency, Industry

    Industry.objects.all().delete()
    GradeFrequency.objects.all().delete()
    demo.load()
    assert Industry.objects.filter(code="C39").exists()
    assert dict(GradeFrequency.objects.values_list("grade", "interval_months")) == {
        "A": 1,
        "B": 3,
        "C": 6,
        "D": 12,
    }
