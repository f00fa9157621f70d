from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "anjian.enterprises"
    label = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self):
        from anjian.core.scoping import register_jurisdiction_refiner
        from anjian.enterprises import roles
        from anjian.enterprises.scoping import (
            refine_for_enterprise_users,
            refine_for_service_inspectors,
        )

        register_jurisdiction_refiner(refine_for_enterprise_users)
        register_jurisdiction_refiner(refine_for_service_inspectors)
        roles.grant_all()
        roles.register_navigation()
        from anjian.enterprises import file_panels

        file_panels.register_all()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.enterprises.demo import load_enterprises

            world.register(load_enterprises)
