from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from anjian.core.models import ScopedModel
from anjian.core.scoping import Scope
from anjian.regions import rules
from anjian.regions.choices import RegionLevel

PATH_SEPARATOR = "/"


class Region(ScopedModel):
    """An administrative area: city → district → sub-district → village → grid.

    ``path`` is the chain of codes from the top down (``/440700/440704/440704002/``), so "everything
    under this region" is one indexed prefix filter, ``path__startswith``. It is derived on save and
    rewritten for the whole subtree when a code or parent changes.
    """

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[0-9A-Za-z-]+$", _("Use digits, letters and hyphens."))],
        help_text=_("Administrative division code, e.g. 440704."),
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    scope = Scope(region="")
    autocomplete_fields = ("name", "code")

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="regions_region_unique_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        rules.check_placement(self.level, self.parent)
        rules.check_not_own_ancestor(self, self.parent)

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else PATH_SEPARATOR
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    def save(self, *args, **kwargs):
        new_path = self.compute_path()
        old_path = self.path
        self.path = new_path
        self.depth = new_path.count(PATH_SEPARATOR) - 2
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                # Move the whole subtree in one UPDATE: replace the old prefix with the new one.
                Region.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1)),
                )

    def city(self):
        """The city this region lies in (itself when it is one), or None: a 较大 accident is
        investigated and evaluated by the city's bodies."""
        if self.level == RegionLevel.CITY:
            return self
        return self.ancestors().filter(level=RegionLevel.CITY).first()

    def ancestors(self):
        codes = [c for c in self.path.split(PATH_SEPARATOR) if c]
        return Region.objects.filter(code__in=codes[:-1]).order_by("depth")

    def descendants(self, include_self=False):
        qs = Region.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)
