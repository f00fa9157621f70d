"""Keeping ``User.permissions_stamp`` in step with the user's roles.

``AnjianBackend`` caches a user's roles and permissions per process under (user, stamp); the stamp
comes with the user row every request loads anyway, so the cache costs no query and needs no
shared cache to stay right across gunicorn workers. Everything that changes what a user may do
renews the stamp of every user concerned, in the same transaction as the change: roles given or
taken (from either side of the relation, cleared too), a role's permissions changed (from either
side), a role renamed or deleted, a permission deleted. A superuser's permissions (every
permission there is) are never cached. Writes that bypass Django's signals (raw SQL, a
``bulk_create`` of the relation's rows) must renew the stamps themselves (``renew_stamps``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save, pre_delete


def renew_stamps(users) -> None:
    """A new stamp for ``users`` (a queryset of users): their cached permissions are unused."""
    from anjian.accounts.models import new_permissions_stamp

    users.update(permissions_stamp=new_permissions_stamp())


def _users(**lookups):
    from anjian.accounts.models import User

    return User._base_manager.filter(**lookups)


def _renew_user(user) -> None:
    from anjian.accounts.models import new_permissions_stamp

    if user.pk is None:
        return
    stamp = new_permissions_stamp()
    _users(pk=user.pk).update(permissions_stamp=stamp)
    user.permissions_stamp = stamp


def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``user.groups`` (reverse False: ``instance`` is the user) or ``group.user_set``."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        _renew_user(instance)
    elif action == "pre_clear":
        renew_stamps(_users(groups=instance))
    elif pk_set:
        renew_stamps(_users(pk__in=pk_set))


def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``group.permissions`` (reverse False: ``instance`` is the group) or
    ``permission.group_set``."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        renew_stamps(_users(groups=instance))
    elif action == "pre_clear":
        renew_stamps(_users(groups__permissions=instance))
    elif pk_set:
        renew_stamps(_users(groups__in=pk_set))


def _group_saved(sender, instance, created, **kwargs):
    if not created:  # a renamed group is another role code
        renew_stamps(_users(groups=instance))


def _group_deleted(sender, instance, **kwargs):
    renew_stamps(_users(groups=instance))


def _permission_deleted(sender, instance, **kwargs):
    renew_stamps(_users(groups__permissions=instance))


def connect() -> None:
    from anjian.accounts.models import User

    m2m_changed.connect(
        _user_groups_changed, sender=User.groups.through, dispatch_uid="anjian.stamp.user_groups"
    )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="anjian.stamp.group_permissions",
    )
    post_save.connect(_group_saved, sender=Group, dispatch_uid="anjian.stamp.group_saved")
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="anjian.stamp.group_deleted")
    pre_delete.connect(
        _permission_deleted, sender=Permission, dispatch_uid="anjian.stamp.permission_deleted"
    )
