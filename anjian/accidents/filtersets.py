import django_filters
from django.db.models import Q
from django.db.models.functions import Now, TruncDate
from django.utils.translation import gettext_lazy as _

from anjian.accidents.choices import AccidentKind, AccidentLevel, ItemStatus, Track
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.accounts.models import Organization
from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet, YearFilter
from anjian.enterprises.models import Enterprise
from anjian.regions.filtersets import WithinFilter

INVESTIGATION = [
    ("open", _("Investigation report not yet approved")),
    ("overdue", _("Investigation overdue")),
    ("approved", _("Investigation report approved")),
]


def investigation_overdue_lookups() -> dict:
    """Accidents whose investigation report is not approved and whose due day (extended or not)
    has passed (today as the database reads it): the one definition of the counter and the
    filter."""
    return {
        "investigation__approved_on__isnull": True,
        "investigation__effective_due_on__lt": TruncDate(Now()),
    }


def investigation_overdue_q() -> Q:
    return Q(**investigation_overdue_lookups())


def _accident_filter():
    return django_filters.ModelChoiceFilter(
        label=_("accident"),
        queryset=Accident.objects.all(),
        widget=AutocompleteSelect(Accident),
    )


class AccidentFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    level = django_filters.ChoiceFilter(label=_("level"), choices=AccidentLevel.choices)
    kind = django_filters.ChoiceFilter(label=_("type"), choices=AccidentKind.choices)
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )
    year = YearFilter(field_name="occurred_at", label=_("year"))
    investigation = django_filters.ChoiceFilter(
        label=_("investigation"), choices=INVESTIGATION, method="by_investigation"
    )

    class Meta:
        model = Accident
        fields = ["q", "within", "level", "kind", "enterprise", "year", "investigation"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(place__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def by_investigation(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(investigation_overdue_q())
        if value == "approved":
            return queryset.filter(investigation__approved_on__isnull=False)
        return queryset.filter(investigation__approved_on__isnull=True)


class InvestigationFilterSet(BaseFilterSet):
    accident = _accident_filter()

    class Meta:
        model = Investigation
        fields = ["accident"]


class AccountabilityItemFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    accident = _accident_filter()
    track = django_filters.ChoiceFilter(label=_("track"), choices=Track.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=ItemStatus.choices)
    executing_organization = django_filters.ModelChoiceFilter(
        label=_("executing organisation"),
        queryset=Organization.objects.all(),
        widget=AutocompleteSelect(Organization),
    )

    class Meta:
        model = AccountabilityItem
        fields = ["q", "accident", "track", "status", "executing_organization"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person_name__icontains=value)
            | Q(person_organization__icontains=value)
            | Q(document_number__icontains=value)
            | Q(executing_body__icontains=value)
            | Q(executing_organization__name__icontains=value)
        )


class CriminalStepFilterSet(BaseFilterSet):
    item = django_filters.NumberFilter(label=_("accountability item"), field_name="item")

    class Meta:
        model = CriminalStep
        fields = ["item"]


class AccountabilityEvidenceFilterSet(BaseFilterSet):
    item = django_filters.NumberFilter(label=_("accountability item"), field_name="item")

    class Meta:
        model = AccountabilityEvidence
        fields = ["item"]


class RecommendationFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), field_name="text", lookup_expr="icontains")
    accident = _accident_filter()

    class Meta:
        model = Recommendation
        fields = ["q", "accident"]


class RecommendationAssignmentFilterSet(BaseFilterSet):
    recommendation = django_filters.NumberFilter(
        label=_("recommendation"), field_name="recommendation"
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("organisation"),
        queryset=Organization.objects.all(),
        widget=AutocompleteSelect(Organization),
    )

    class Meta:
        model = RecommendationAssignment
        fields = ["recommendation", "organization"]


class ImplementationProgressFilterSet(BaseFilterSet):
    assignment = django_filters.NumberFilter(label=_("assignment"), field_name="assignment")

    class Meta:
        model = ImplementationProgress
        fields = ["assignment"]


class AccidentLevelThresholdFilterSet(BaseFilterSet):
    class Meta:
        model = AccidentLevelThreshold
        fields = ["level"]
