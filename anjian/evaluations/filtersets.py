import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet
from anjian.evaluations.choices import EvaluationStatus, Verdict
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
    SpotCheck,
)

DUE = [("soon", _("Due soon or overdue")), ("overdue", _("Overdue"))]
OPEN = ("planned", "in_progress", "drafted")


class EvaluationFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    status = django_filters.ChoiceFilter(label=_("status"), choices=EvaluationStatus.choices)
    due = django_filters.ChoiceFilter(label=_("due"), choices=DUE, method="by_due")

    class Meta:
        model = Evaluation
        fields = ["q", "status", "due"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(accident__name__icontains=value) | Q(conclusion__icontains=value))

    def by_due(self, queryset, name, value):
        today = timezone.localdate()
        queryset = queryset.filter(status__in=OPEN)
        if value == "overdue":
            return queryset.filter(due_on__lt=today)
        return queryset.filter(reminder_from__lte=today)


class _PartFilterSet(BaseFilterSet):
    evaluation = django_filters.ModelChoiceFilter(
        label=_("evaluation"),
        queryset=Evaluation.objects.all(),
        widget=AutocompleteSelect(Evaluation),
    )


class ItemVerdictFilterSet(_PartFilterSet):
    verdict = django_filters.ChoiceFilter(label=_("verdict"), choices=Verdict.choices)

    class Meta:
        model = ItemVerdict
        fields = ["evaluation", "verdict"]


class RecommendationVerdictFilterSet(_PartFilterSet):
    verdict = django_filters.ChoiceFilter(label=_("verdict"), choices=Verdict.choices)

    class Meta:
        model = RecommendationVerdict
        fields = ["evaluation", "verdict"]


class FindingFilterSet(_PartFilterSet):
    class Meta:
        model = Finding
        fields = ["evaluation"]


class SpotCheckFilterSet(_PartFilterSet):
    class Meta:
        model = SpotCheck
        fields = ["evaluation"]


class DisclosurePolicyFilterSet(BaseFilterSet):
    class Meta:
        model = DisclosurePolicy
        fields = ["masked"]
