import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import Organization, User
from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.regions.models import Region


class WithinRegionMixin:
    """A ``within`` filter limited to the regions the user may see."""

    def restrict_region_filter(self, request, name="within"):
        if request is not None and name in self.filters:
            self.filters[name].queryset = Region.objects.restrict(request.user, "view")


class OrganizationFilterSet(WithinRegionMixin, BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganizationKind.choices)
    within = django_filters.ModelChoiceFilter(
        label=_("within"),
        queryset=Region.objects.all(),
        method="filter_within",
        widget=AutocompleteSelect(Region),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "within"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.restrict_region_filter(request)

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))

    def filter_within(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path)


class UserFilterSet(WithinRegionMixin, BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    status = django_filters.ChoiceFilter(label=_("status"), choices=UserStatus.choices)
    role = django_filters.ChoiceFilter(
        label=_("role"),
        field_name="groups__name",
        choices=[(code, role.label) for code, role in roles.ROLES.items()],
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("organization"),
        queryset=Organization.objects.all(),
        widget=AutocompleteSelect(Organization),
    )

    class Meta:
        model = User
        fields = ["q", "status", "role", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organization"].queryset = Organization.objects.restrict(
                request.user, "view"
            )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(phone=value)
        )
