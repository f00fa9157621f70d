from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "anjian.permits"
    label = "permits"
    verbose_name = _("Confined-space work")

    # Modules of the app's pages (menu items, counters, enterprise-file panels) that register
    # themselves when present: each defines ``register()``.
    REGISTRATIONS = ("navigation", "panels")

    def ready(self):
        from anjian.permits import roles

        roles.grant_all()
        for name in self.REGISTRATIONS:
            module = f"{self.name}.{name}"
            if find_spec(module) is not None:
                import_module(module).register()
        if apps.is_installed("anjian.demo") and find_spec(f"{self.name}.demo") is not None:
            from anjian.demo import world

            world.register(import_module(f"{self.name}.demo").load_permits)
