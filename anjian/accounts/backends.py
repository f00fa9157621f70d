from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class AnjianBackend(ModelBackend):
    """ModelBackend that loads a user with its places in one query, and all permissions in one.

    Every page needs the user's jurisdiction and permissions; fetching them with the user keeps a
    list page at the same small number of queries whatever its size.
    """

    def get_user(self, user_id):
        from anjian.accounts.models import User

        user = (
            User._default_manager.select_related("jurisdiction", "organization__region")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                perms = Permission.objects.filter(
                    Q(user=user_obj) | Q(group__user=user_obj)
                ).distinct()
            user_obj._perm_cache = {
                f"{ct}.{name}"
                for ct, name in perms.values_list("content_type__app_label", "codename")
            }
        return user_obj._perm_cache
