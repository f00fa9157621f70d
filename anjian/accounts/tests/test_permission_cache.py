"""The per-process cache of a user's roles and permissions (``AnjianBackend``) is never stale:
every change of what a user may do renews ``User.permissions_stamp``, which each request reads
with the user row. Each gunicorn worker keeps its own cache; a worker here is a cache dict."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.accounts import backends
from anjian.accounts.models import User

URL = "regions:region_list"  # needs regions.view_region, which a sub-district officer holds


@pytest.fixture
def officer(world):
    return world.users["subdistrict_officer"]


@pytest.fixture
def workers(monkeypatch):
    """Two workers' caches; ``use(n)`` makes this process act as worker n."""
    caches = [{}, {}]

    def use(n):
        monkeypatch.setattr(backends, "_ROLES_AND_PERMISSIONS", caches[n])

    use(0)
    use.caches = caches
    return use


def _get(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(URL))
    role_queries = [q["sql"] for q in queries if '"auth_group"' in q["sql"]]
    return response.status_code, role_queries


def test_the_second_request_reads_no_roles(client, officer, workers):
    status, role_queries = _get(client, officer)
    assert status == 200 and len(role_queries) == 1  # the first request reads the roles
    status, role_queries = _get(client, officer)
    assert status == 200 and role_queries == []
    assert workers.caches[0], "the worker cached the officer's permissions"


def _revocations():
    """Every way a role or one of its permissions leaves a user, each applied by "another
    worker" (a separate copy of the user or group, as a form or the admin would load it)."""
    view_region = Permission.objects.get(codename="view_region")

    def group():
        return Group.objects.get(name="subdistrict_officer")

    def user():
        return User.objects.get(username="subdistrict_officer")

    revocations = {
        "user.groups.remove": lambda: user().groups.remove(group()),
        "user.groups.clear": lambda: user().groups.clear(),
        "user.groups.set": lambda: user().groups.set([]),
        "group.user_set.remove": lambda: group().user_set.remove(user()),
        "group.user_set.clear": lambda: group().user_set.clear(),
        "group.permissions.remove": lambda: group().permissions.remove(view_region),
        "group.permissions.clear": lambda: group().permissions.clear(),
        "permission.group_set.remove": lambda: view_region.group_set.remove(group()),
        "permission.group_set.clear": lambda: view_region.group_set.clear(),
        "group deleted": lambda: group().delete(),
    }
    assert list(revocations) == REVOCATIONS
    return revocations


REVOCATIONS = [
    "user.groups.remove",
    "user.groups.clear",
    "user.groups.set",
    "group.user_set.remove",
    "group.user_set.clear",
    "group.permissions.remove",
    "group.permissions.clear",
    "permission.group_set.remove",
    "permission.group_set.clear",
    "group deleted",
]


@pytest.mark.parametrize("how", REVOCATIONS)
def test_a_revocation_takes_effect_at_once_in_every_worker(world, client, officer, workers, how):
    workers(1)
    assert _get(client, officer)[0] == 200  # worker 1 caches the officer's permissions
    workers(0)
    assert _get(client, officer)[0] == 200  # and so does worker 0
    cached = dict(workers.caches[1])

    _revocations()[how]()  # revoked through worker 0

    workers(1)  # worker 1 heard nothing: its cache is as it was …
    assert workers.caches[1] == cached
    status, role_queries = _get(client, officer)
    assert status == 403, how  # … and still refuses at once: the user row brought a new stamp
    assert role_queries
    workers(0)
    assert _get(client, officer)[0] == 403


def test_a_role_given_takes_effect_at_once(world, client, workers):
    user = world.users["grid_worker"]  # may view regions, not add them
    client.force_login(user)
    assert client.get(reverse("regions:region_add")).status_code == 403
    Group.objects.get(name="subdistrict_officer").user_set.add(user)
    assert client.get(reverse("regions:region_add")).status_code == 200


def test_a_renamed_role_is_read_again(world, officer, workers):
    fresh = User.objects.get(pk=officer.pk)
    assert "subdistrict_officer" in fresh.role_codes
    group = Group.objects.get(name="subdistrict_officer")
    group.name = "renamed_role"
    group.save()
    again = User.objects.get(pk=officer.pk)
    assert again.role_codes == ["renamed_role"]


def test_a_superuser_is_not_cached(world, workers):
    admin = User.objects.create_superuser("root_for_cache", password="x-Long-password-1")
    assert User.objects.get(pk=admin.pk).has_perm("regions.view_region")
    assert not workers.caches[0]


def test_each_account_gets_its_own_stamp(world):
    stamps = set(User.objects.values_list("permissions_stamp", flat=True))
    assert len(stamps) == User.objects.count()
