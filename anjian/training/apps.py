from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "anjian.training"
    label = "training"
    verbose_name = _("Training and certification")

    def ready(self):
        from anjian.training import roles

        roles.grant_all()
        roles.register_navigation()
        roles.register_panels()
        if apps.is_installed("anjian.demo"):
            from anjian.demo import world
            from anjian.training.demo import load_training

            world.register(load_training)
