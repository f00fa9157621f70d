from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "anjian.hazards"
    label = "hazards"
    verbose_name = _("Hazards")

    def ready(self):
        from anjian.hazards import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.hazards.demo import load_hazards

            world.register(load_hazards)
