import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import Organization, User
from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.regions.filtersets import WithinFilter


class OrganizationFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganizationKind.choices)
    within = WithinFilter()

    class Meta:
        model = Organization
        fields = ["q", "kind", "within"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class UserFilterSet(BaseFilterSet):
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

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(phone=value)
        )
