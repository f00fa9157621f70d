"""Filters of the permits app's lists, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.enterprises.filtersets import search_enterprises
from anjian.enterprises.models import Enterprise
from anjian.permits.choices import PermitStatus
from anjian.permits.models import AttachmentKind, Delegation, GasThreshold, Permit
from anjian.regions.filtersets import WithinFilter
from anjian.spaces.models import ConfinedSpace

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PermitFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    status = django_filters.MultipleChoiceFilter(
        label=_("status"),
        choices=PermitStatus.choices,
        widget=forms.SelectMultiple(attrs={"class": "js-tom"}),
    )
    late = django_filters.BooleanFilter(
        label=_("filed late"),
        field_name="filed_late",
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    space = django_filters.ModelChoiceFilter(
        label=_("confined space"),
        queryset=ConfinedSpace.objects.all(),
        widget=AutocompleteSelect(ConfinedSpace),
    )
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )
    start_from = django_filters.DateFilter(
        label=_("planned start from"),
        field_name="planned_start",
        lookup_expr="date__gte",
        widget=DATE,
    )
    start_to = django_filters.DateFilter(
        label=_("planned start to"),
        field_name="planned_start",
        lookup_expr="date__lte",
        widget=DATE,
    )
    within = WithinFilter()

    class Meta:
        model = Permit
        fields = ["q", "status", "late", "space", "enterprise", "start_from", "start_to", "within"]

    def search(self, queryset, name, value):
        by_enterprise = search_enterprises(Enterprise.objects.all(), value).values("pk")
        return queryset.filter(
            Q(number__icontains=value)
            | Q(work_content__icontains=value)
            | Q(space__name__icontains=value)
            | Q(space__code__iexact=value)
            | Q(enterprise__in=by_enterprise)
        )


class DelegationFilterSet(BaseFilterSet):
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )

    class Meta:
        model = Delegation
        fields = ["enterprise"]


class GasThresholdFilterSet(BaseFilterSet):
    class Meta:
        model = GasThreshold
        fields = []


class AttachmentKindFilterSet(BaseFilterSet):
    class Meta:
        model = AttachmentKind
        fields = []
