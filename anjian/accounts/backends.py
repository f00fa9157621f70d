from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

# (user pk, permissions stamp) → (role codes, permissions), per process. The stamp comes with the
# user row and is renewed by every change of the user's roles or their permissions
# (``accounts.permission_stamps``), so an entry is never stale for the row that finds it; old
# entries are simply never asked for again (and dropped when the cache is full).
_ROLES_AND_PERMISSIONS: dict = {}
CACHE_SIZE = 4096


class AnjianBackend(ModelBackend):
    """ModelBackend that loads a user with its places in one query, and roles with permissions in
    one more.

    Permissions in Anjian come only from roles (groups; see ``accounts.roles``) — direct per-user
    permissions are not used — so one query over the user's groups yields both the role codes and
    every permission. Every page needs them; fetching them together keeps a list page at the same
    small number of queries whatever its size.
    """

    def get_user(self, user_id):
        from anjian.accounts.models import User

        user = (
            User._default_manager.select_related("jurisdiction", "organization__region")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def load_roles_and_permissions(self, user_obj) -> None:
        if hasattr(user_obj, "_perm_cache"):
            return
        key = _cache_key(user_obj)
        cached = _ROLES_AND_PERMISSIONS.get(key) if key is not None else None
        if cached is None:
            cached = self._query_roles_and_permissions(user_obj)
            if key is not None:
                if len(_ROLES_AND_PERMISSIONS) >= CACHE_SIZE:
                    _ROLES_AND_PERMISSIONS.clear()
                _ROLES_AND_PERMISSIONS[key] = cached
        roles, perms = cached
        user_obj._role_codes = list(roles)
        user_obj._user_perm_cache = set()
        user_obj._group_perm_cache = perms
        user_obj._perm_cache = perms

    def _query_roles_and_permissions(self, user_obj):
        roles, perms = set(), set()
        rows = Group.objects.filter(user=user_obj).values_list(
            "name", "permissions__content_type__app_label", "permissions__codename"
        )
        for name, app_label, codename in rows:
            roles.add(name)
            if codename:
                perms.add(f"{app_label}.{codename}")
        if user_obj.is_superuser:
            perms = {
                f"{app_label}.{codename}"
                for app_label, codename in Permission.objects.values_list(
                    "content_type__app_label", "codename"
                )
            }
        return tuple(sorted(roles)), frozenset(perms)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        self.load_roles_and_permissions(user_obj)
        return user_obj._perm_cache

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return self.get_all_permissions(user_obj, obj)


def _cache_key(user_obj):
    """(pk, stamp) when the user row brought its stamp; None (no caching) for a superuser (every
    permission that exists: a migration adds some) or a user without a saved row or stamp."""
    stamp = user_obj.__dict__.get("permissions_stamp")
    if stamp is None or user_obj.pk is None or user_obj.is_superuser:
        return None
    return (user_obj.pk, stamp)
