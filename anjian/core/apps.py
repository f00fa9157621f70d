from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anjian.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from anjian.core import signals  # noqa: F401  (login/logout audit receivers)
        from anjian.core.validators import install_natural_unique_messages

        install_natural_unique_messages()
