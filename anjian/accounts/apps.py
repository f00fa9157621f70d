from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "anjian.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from anjian.accounts import permission_stamps, roles
        from anjian.accounts.models import Organization, User
        from anjian.core import navigation
        from anjian.core.models import AuditEvent

        navigation.register_item(
            "system",
            _("Organizations"),
            "accounts:organization_list",
            model=Organization,
            icon="building",
        )
        navigation.register_item(
            "system", _("Users"), "accounts:user_list", model=User, icon="people"
        )
        navigation.register_item(
            "system", _("Audit log"), "core:auditevent_list", model=AuditEvent, icon="journal-text"
        )
        navigation.register_counter(
            _("Organizations"), Organization, "accounts:organization_list", icon="building"
        )
        navigation.register_counter(_("Users"), User, "accounts:user_list", icon="people")
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="anjian.sync_roles")
        user_logged_out.connect(_revoke_tokens_on_logout, dispatch_uid="anjian.revoke_tokens")
        permission_stamps.connect()


def _revoke_tokens_on_logout(sender, request, user, **kwargs):
    """Signing out ends the API tokens too (accounts.tokens)."""
    from anjian.accounts.tokens import revoke_tokens

    revoke_tokens(user)
