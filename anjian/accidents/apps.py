from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AccidentsConfig(AppConfig):
    name = "anjian.accidents"
    label = "accidents"
    verbose_name = _("Accidents")

    def ready(self):
        from anjian.accidents import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.accidents.demo import load_accidents
            from anjian.demo import world

            world.register(load_accidents)
