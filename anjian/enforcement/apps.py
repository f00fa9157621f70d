from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "anjian.enforcement"
    label = "enforcement"
    verbose_name = _("Enforcement")

    def ready(self):
        from anjian.enforcement import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.enforcement.demo import load_enforcement

            world.register(load_enforcement)
