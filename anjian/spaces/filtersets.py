import datetime

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.enterprises.models import Enterprise
from anjian.regions.filtersets import WithinFilter
from anjian.spaces import rules
from anjian.spaces.choices import (
    DateState,
    EquipmentKind,
    EquipmentStatus,
    RiskLevel,
    RiskMethod,
    SpaceKind,
    SpaceStatus,
)
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment


def enterprise_filter():
    return django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )


class ConfinedSpaceFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    enterprise = enterprise_filter()
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=SpaceKind.choices)
    toxic = django_filters.ChoiceFilter(
        label=_("toxic risk"),
        choices=[("yes", _("With toxic gases")), ("no", _("Without toxic gases"))],
        method="by_toxic",
    )
    risk_level = django_filters.ChoiceFilter(
        label=_("risk level"),
        choices=[("none", _("Not assessed")), *RiskLevel.choices],
        method="by_level",
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=SpaceStatus.choices)

    class Meta:
        model = ConfinedSpace
        fields = ["q", "within", "enterprise", "kind", "toxic", "risk_level", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(location__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def by_toxic(self, queryset, name, value):
        # The gases are a JSON list: "[]" when none, on SQLite and PostgreSQL alike.
        none = Q(toxic_gases=[])
        return queryset.exclude(none) if value == "yes" else queryset.filter(none)

    def by_level(self, queryset, name, value):
        return queryset.filter(risk_level="" if value == "none" else value)


class SpaceRiskAssessmentFilterSet(BaseFilterSet):
    within = WithinFilter()
    space = django_filters.ModelChoiceFilter(
        label=_("confined space"),
        queryset=ConfinedSpace.objects.all(),
        widget=AutocompleteSelect(ConfinedSpace),
    )
    method = django_filters.ChoiceFilter(label=_("method"), choices=RiskMethod.choices)
    level = django_filters.ChoiceFilter(label=_("risk level"), choices=RiskLevel.choices)

    class Meta:
        model = SpaceRiskAssessment
        fields = ["within", "space", "method", "level"]


class SafetyEquipmentFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    enterprise = enterprise_filter()
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=EquipmentKind.choices)
    validity = django_filters.ChoiceFilter(
        label=_("validity"),
        choices=[
            (DateState.OUT_OF_DATE, _("Out of date")),
            (DateState.DUE_SOON, _("Due within the warning period")),
        ],
        method="by_validity",
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=EquipmentStatus.choices)

    class Meta:
        model = SafetyEquipment
        fields = ["q", "within", "enterprise", "kind", "validity", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(model_number__icontains=value)
            | Q(serial_number__icontains=value)
            | Q(location__icontains=value)
        )

    def by_validity(self, queryset, name, value):
        today = timezone.localdate()
        if value == DateState.OUT_OF_DATE:
            # The same rule as SafetyEquipment.in_date (spaces.rules.equipment_in_date).
            return queryset.filter(
                ~Q(status=EquipmentStatus.IN_SERVICE)
                | Q(calibrated_on__gt=today)
                | Q(valid_until__lt=today)
                | Q(valid_until__isnull=True, kind__in=rules.NEEDS_VALIDITY)
            )
        soon = today + datetime.timedelta(days=settings.ANJIAN_SPACES_EQUIPMENT_DUE_DAYS)
        return queryset.filter(
            status=EquipmentStatus.IN_SERVICE,
            valid_until__gte=today,
            valid_until__lte=soon,
        ).exclude(calibrated_on__gt=today)
