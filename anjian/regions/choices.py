from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    VILLAGE = "village", _("Village")
    GRID = "grid", _("Grid")


# The level a child of each level must have: district → sub-district → village → grid.
CHILD_LEVEL = {
    RegionLevel.DISTRICT: RegionLevel.SUBDISTRICT,
    RegionLevel.SUBDISTRICT: RegionLevel.VILLAGE,
    RegionLevel.VILLAGE: RegionLevel.GRID,
}
