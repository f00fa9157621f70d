from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    VILLAGE = "village", _("Village")
    GRID = "grid", _("Grid")


# The level a child of each level must have: city → district → sub-district → village → grid.
CHILD_LEVEL = {
    RegionLevel.CITY: RegionLevel.DISTRICT,
    RegionLevel.DISTRICT: RegionLevel.SUBDISTRICT,
    RegionLevel.SUBDISTRICT: RegionLevel.VILLAGE,
    RegionLevel.VILLAGE: RegionLevel.GRID,
}

# Levels that may stand at the top of the tree: a city, or a district on its own (a deployment
# for one district need not record its city).
TOP_LEVELS = (RegionLevel.CITY, RegionLevel.DISTRICT)
