"""Rules of the region tree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.regions.choices import CHILD_LEVEL, TOP_LEVELS, RegionLevel


def check_placement(level: str, parent) -> None:
    """A city has no parent, nor may a district (one without its city); every other level sits
    directly under the level above it (city → district → sub-district → village → grid)."""
    if parent is None:
        if level not in TOP_LEVELS:
            raise ValidationError(
                {"parent": _("Only a city or a district may stand at the top of the tree.")}
            )
        return
    expected = CHILD_LEVEL.get(parent.level)
    if expected != level:
        raise ValidationError(
            {
                "level": _("Under a %(parent)s the level must be %(expected)s.")
                % {
                    "parent": RegionLevel(parent.level).label,
                    "expected": RegionLevel(expected).label if expected else "—",
                }
            }
        )


def check_not_own_ancestor(region, parent) -> None:
    if region.pk and parent is not None and parent.path.startswith(region.path or "\0"):
        raise ValidationError({"parent": _("A region cannot sit under itself.")})
