from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "anjian.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from anjian.evaluations import roles

        roles.grant_all()
        roles.register_navigation()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.evaluations.demo import load_evaluations

            world.register(load_evaluations)
