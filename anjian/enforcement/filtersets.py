import datetime

import django_filters
from django.db.models import Q
from django.db.models.functions import Now, TruncDate
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet, YearFilter
from anjian.enforcement.choices import (
    DECIDED_STATUSES,
    CalendarDayKind,
    CaseStatus,
    PartyKind,
    Period,
)
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase
from anjian.enterprises.models import Enterprise
from anjian.regions.filtersets import WithinFilter

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
PUBLICATION = [
    ("unpublished", _("Decided, not yet published")),
    ("due_soon", _("Publication due soon")),
    ("overdue", _("Publication overdue")),
    ("published", _("Published")),
]


def publication_overdue_q() -> Q:
    """Decided, unpublished, due day passed (today as the database reads it)."""
    return Q(
        status__in=[str(s) for s in DECIDED_STATUSES],
        published_on__isnull=True,
        publication_due__lt=TruncDate(Now()),
    )


def publication_due_soon_q() -> Q:
    return Q(**publication_due_soon_lookups())


def publication_due_soon_lookups() -> dict:
    """Decided, unpublished, due today or within ``CASE_PUBLICATION_DUE_SOON_DAYS`` days (dates
    as the database reads them when the query runs)."""
    from django.conf import settings
    from django.db.models import DateField, DurationField, ExpressionWrapper, Value

    limit = ExpressionWrapper(
        TruncDate(Now())
        + Value(
            datetime.timedelta(days=settings.ANJIAN_CASE_PUBLICATION_DUE_SOON_DAYS),
            output_field=DurationField(),
        ),
        output_field=DateField(),
    )
    return {
        "status__in": tuple(str(s) for s in DECIDED_STATUSES),
        "published_on__isnull": True,
        "publication_due__gte": TruncDate(Now()),
        "publication_due__lte": limit,
    }


class EnforcementCaseFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    status = django_filters.ChoiceFilter(label=_("status"), choices=CaseStatus.choices)
    party_kind = django_filters.ChoiceFilter(label=_("party"), choices=PartyKind.choices)
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )
    year = YearFilter(field_name="decision_date", label=_("year decided"))
    decided_after = django_filters.DateFilter(
        label=_("decided on or after"), field_name="decision_date", lookup_expr="gte"
    )
    decided_before = django_filters.DateFilter(
        label=_("decided on or before"), field_name="decision_date", lookup_expr="lte"
    )
    publication = django_filters.ChoiceFilter(
        label=_("publication"), choices=PUBLICATION, method="by_publication"
    )
    repeat_offender = django_filters.ChoiceFilter(
        label=_("proposed for closure"), choices=YES_NO, method="by_repeat"
    )

    class Meta:
        model = EnforcementCase
        fields = [
            "q",
            "within",
            "status",
            "party_kind",
            "enterprise",
            "year",
            "decided_after",
            "decided_before",
            "publication",
            "repeat_offender",
        ]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value)
            | Q(decision_number__icontains=value)
            | Q(person_name__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def by_publication(self, queryset, name, value):
        decided = Q(status__in=[str(s) for s in DECIDED_STATUSES])
        if value == "overdue":
            return queryset.filter(publication_overdue_q())
        if value == "due_soon":
            return queryset.filter(publication_due_soon_q())
        if value == "unpublished":
            return queryset.filter(decided, published_on__isnull=True)
        return queryset.filter(published_on__isnull=False)

    def by_repeat(self, queryset, name, value):
        return queryset.filter(repeat_offender=(value == "yes"))


class CasePenaltyFilterSet(BaseFilterSet):
    case = django_filters.ModelChoiceFilter(
        label=_("enforcement case"),
        queryset=EnforcementCase.objects.all(),
        widget=AutocompleteSelect(EnforcementCase),
    )

    class Meta:
        model = CasePenalty
        fields = ["case", "kind"]


class CalendarDayFilterSet(BaseFilterSet):
    year = YearFilter(field_name="date")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=CalendarDayKind.choices)

    class Meta:
        model = CalendarDay
        fields = ["year", "kind", "provisional"]


class TotalsFilterSet(BaseFilterSet):
    within = WithinFilter()
    year = YearFilter(field_name="decision_date", label=_("year decided"))
    period = django_filters.ChoiceFilter(
        label=_("by"), choices=Period.choices, method="keep", empty_label=None
    )

    class Meta:
        model = EnforcementCase
        fields = ["within", "year", "period"]

    def keep(self, queryset, name, value):
        return queryset
