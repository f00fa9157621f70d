from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "anjian.spaces"
    label = "spaces"
    verbose_name = _("Confined spaces")

    def ready(self):
        from anjian.spaces import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.spaces.demo import load_spaces

            world.register(load_spaces)
