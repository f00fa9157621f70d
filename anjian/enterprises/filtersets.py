import django_filters
from django.db import connections
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.enterprises import rules, services
from anjian.enterprises.choices import EnterpriseStatus, InspectionDue, RiskGrade
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.regions.filtersets import WithinFilter


def search_enterprises(queryset, value: str, prefix: str = ""):
    """Chinese substring, full pinyin, pinyin initials (``hyd`` → 恒亦达) or the start of a USCC."""
    value = (value or "").strip()
    if not value:
        return queryset
    uscc = rules.compact_uscc(value)
    q = Q(**{f"{prefix}name__icontains": value})
    q |= Q(**{f"{prefix}uscc__startswith": uscc})
    terms = {"name": value, "uscc": uscc}
    key = rules.search_key(value)
    if key:
        q |= Q(**{f"{prefix}name_pinyin__contains": key})
        q |= Q(**{f"{prefix}name_initials__contains": key})
        terms["name_pinyin name_initials"] = key
    # On SQLite the FTS5 trigram index narrows the rows first (pg_trgm serves PostgreSQL).
    narrow = Enterprise.search_index.narrow(connections[queryset.db], terms, prefix)
    if narrow is not None:
        q = narrow & q
    return queryset.filter(q)


class EnterpriseFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    risk_grade = django_filters.ChoiceFilter(
        label=_("risk grade"),
        choices=[("none", _("Not graded")), *RiskGrade.choices],
        method="filter_grade",
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=EnterpriseStatus.choices)
    inspection = django_filters.ChoiceFilter(
        label=_("routine inspection"), choices=InspectionDue.choices, method="filter_inspection"
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("industry"), queryset=Industry.objects.all(), widget=AutocompleteSelect(Industry)
    )
    park = django_filters.ModelChoiceFilter(
        label=_("park"), queryset=Park.objects.all(), widget=AutocompleteSelect(Park)
    )
    within = WithinFilter()

    class Meta:
        model = Enterprise
        fields = ["q", "risk_grade", "status", "inspection", "industry", "park", "within"]

    def search(self, queryset, name, value):
        return search_enterprises(queryset, value)

    def filter_grade(self, queryset, name, value):
        return queryset.filter(risk_grade="" if value == "none" else value)

    def filter_inspection(self, queryset, name, value):
        return queryset.filter(services.inspection_due_q(value))


class ParkFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()

    class Meta:
        model = Park
        fields = ["q", "within"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))


class SafetyAgreementFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    park = django_filters.ModelChoiceFilter(
        label=_("park"), queryset=Park.objects.all(), widget=AutocompleteSelect(Park)
    )
    expired = django_filters.BooleanFilter(label=_("expired"), method="filter_expired")

    class Meta:
        model = SafetyAgreement
        fields = ["q", "park", "expired"]

    def search(self, queryset, name, value):
        return search_enterprises(queryset, value, "tenant__") | search_enterprises(
            queryset, value, "landlord__"
        )

    def filter_expired(self, queryset, name, value):
        from django.utils import timezone

        expired = Q(expires_on__lt=timezone.localdate())
        return queryset.filter(expired) if value else queryset.exclude(expired)


class IndustryFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")

    class Meta:
        model = Industry
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__istartswith=value) | Q(name__icontains=value))


class GradeFrequencyFilterSet(BaseFilterSet):
    class Meta:
        model = GradeFrequency
        fields = ["grade"]


class EnterpriseMembershipFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")

    class Meta:
        model = EnterpriseMembership
        fields = ["q"]

    def search(self, queryset, name, value):
        return search_enterprises(queryset, value, "enterprise__") | queryset.filter(
            Q(user__username__icontains=value) | Q(user__full_name__icontains=value)
        )
