import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


class RegionFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    level = django_filters.ChoiceFilter(label=_("level"), choices=RegionLevel.choices)
    within = django_filters.ModelChoiceFilter(
        label=_("within"),
        queryset=Region.objects.all(),
        method="filter_within",
        widget=AutocompleteSelect(Region),
    )

    class Meta:
        model = Region
        fields = ["q", "level", "within"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["within"].queryset = Region.objects.restrict(request.user, "view")

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))

    def filter_within(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)
