import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.enterprises.models import Enterprise
from anjian.hazards.choices import (
    OPEN_STATUSES,
    CriterionGroup,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardStatus,
    PhotoStage,
    PublicReportStatus,
)
from anjian.hazards.models import (
    Hazard,
    HazardPhoto,
    HazardVerification,
    MajorHazardCriterion,
    PublicReport,
    VerificationTier,
)
from anjian.regions.filtersets import WithinFilter
from anjian.spaces.models import ConfinedSpace

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class HazardFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )
    space = django_filters.ModelChoiceFilter(
        label=_("confined space"),
        queryset=ConfinedSpace.objects.all(),
        widget=AutocompleteSelect(ConfinedSpace),
    )
    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=[("open", _("Open (not closed)")), *HazardStatus.choices],
        method="by_status",
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=HazardLevel.choices)
    overdue = django_filters.ChoiceFilter(label=_("overdue"), choices=YES_NO, method="by_overdue")
    source = django_filters.ChoiceFilter(label=_("source"), choices=HazardSource.choices)
    category = django_filters.ChoiceFilter(
        label=_("hazard category"), choices=HazardCategory.choices
    )

    class Meta:
        model = Hazard
        fields = [
            "q",
            "within",
            "enterprise",
            "space",
            "status",
            "level",
            "overdue",
            "source",
            "category",
        ]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value)
            | Q(description__icontains=value)
            | Q(place__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def by_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def by_overdue(self, queryset, name, value):
        return queryset.overdue() if value == "yes" else queryset.not_overdue()


class PublicReportFilterSet(BaseFilterSet):
    within = WithinFilter()
    status = django_filters.ChoiceFilter(label=_("status"), choices=PublicReportStatus.choices)
    q = django_filters.CharFilter(label=_("search"), method="search")

    class Meta:
        model = PublicReport
        fields = ["q", "within", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(tracking_code__icontains=value)
            | Q(description__icontains=value)
            | Q(enterprise_name__icontains=value)
            | Q(place__icontains=value)
        )


class MajorHazardCriterionFilterSet(BaseFilterSet):
    group = django_filters.ChoiceFilter(label=_("criteria group"), choices=CriterionGroup.choices)
    active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = MajorHazardCriterion
        fields = ["group", "active"]


class VerificationTierFilterSet(BaseFilterSet):
    level = django_filters.ChoiceFilter(label=_("hazard level"), choices=HazardLevel.choices)

    class Meta:
        model = VerificationTier
        fields = ["level"]


class SelfReportingFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()

    class Meta:
        model = Enterprise
        fields = ["q", "within"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(uscc__icontains=value))


class HazardPhotoFilterSet(BaseFilterSet):
    hazard = django_filters.NumberFilter(label=_("hazard"), field_name="hazard_id")
    stage = django_filters.ChoiceFilter(label=_("stage"), choices=PhotoStage.choices)

    class Meta:
        model = HazardPhoto
        fields = ["hazard", "stage"]


class HazardVerificationFilterSet(BaseFilterSet):
    hazard = django_filters.NumberFilter(label=_("hazard"), field_name="hazard_id")

    class Meta:
        model = HazardVerification
        fields = ["hazard"]
