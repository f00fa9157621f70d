import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


class WithinFilter(django_filters.ModelChoiceFilter):
    """Rows at or under a chosen region: one indexed prefix filter on the region path.

    ``path_of`` is the lookup from the filtered model to its region ("" for regions themselves).
    """

    def __init__(self, path_of: str = "region", **kwargs):
        self.path_of = path_of
        kwargs.setdefault("label", _("within"))
        kwargs.setdefault("widget", AutocompleteSelect(Region))
        super().__init__(queryset=Region.objects.all(), **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        lookup = f"{self.path_of}__path__startswith" if self.path_of else "path__startswith"
        return qs.filter(**{lookup: value.path})


class RegionFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    level = django_filters.ChoiceFilter(label=_("level"), choices=RegionLevel.choices)
    within = WithinFilter(path_of="")

    class Meta:
        model = Region
        fields = ["q", "level", "within"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))
