from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "anjian.inspections"
    label = "inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from anjian.inspections import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.inspections.demo import load_inspections

            world.register(load_inspections)
