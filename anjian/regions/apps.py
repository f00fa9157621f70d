from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "anjian.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self):
        from anjian.core import navigation
        from anjian.regions.models import Region

        navigation.register_item(
            "system", _("Regions"), "regions:region_list", model=Region, icon="diagram-3"
        )
        navigation.register_counter(_("Regions"), Region, "regions:region_list", icon="diagram-3")
