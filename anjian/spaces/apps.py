from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "anjian.spaces"
    label = "spaces"
    verbose_name = _("Confined spaces")

    def ready(self):
        from anjian.spaces import roles

        roles.grant_all()
