import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.filtersets import BaseFilterSet, YearFilter
from anjian.enterprises.models import Enterprise
from anjian.inspections.choices import InspectionKind, InspectionStatus, PartyKind, TemplateKind
from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection, LegalBasis
from anjian.regions.filtersets import WithinFilter

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class InspectionFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    enterprise = django_filters.ModelChoiceFilter(
        label=_("enterprise"),
        queryset=Enterprise.objects.all(),
        widget=AutocompleteSelect(Enterprise),
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("campaign"), queryset=Campaign.objects.all(), widget=AutocompleteSelect(Campaign)
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=InspectionKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=InspectionStatus.choices)
    overdue = django_filters.ChoiceFilter(label=_("overdue"), choices=YES_NO, method="by_overdue")
    planned_after = django_filters.DateFilter(
        label=_("planned from"), field_name="planned_on", lookup_expr="gte"
    )
    planned_before = django_filters.DateFilter(
        label=_("planned until"), field_name="planned_on", lookup_expr="lte"
    )

    class Meta:
        model = Inspection
        fields = [
            "q",
            "within",
            "enterprise",
            "campaign",
            "kind",
            "status",
            "overdue",
            "planned_after",
            "planned_before",
        ]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(inspector_names__icontains=value)
            | Q(findings__icontains=value)
        )

    def by_overdue(self, queryset, name, value):
        late = Q(status=InspectionStatus.PLANNED, planned_on__lt=timezone.localdate())
        return queryset.filter(late) if value == "yes" else queryset.exclude(late)


class CampaignFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    within = WithinFilter()
    year = YearFilter(label=_("year"), field_name="starts_on")

    class Meta:
        model = Campaign
        fields = ["q", "within", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(topic__icontains=value))


class ChecklistTemplateFilterSet(BaseFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=TemplateKind.choices)
    current = django_filters.BooleanFilter(label=_("current version"), field_name="is_current")

    class Meta:
        model = ChecklistTemplate
        fields = ["kind", "current"]


class LegalBasisFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    party = django_filters.ChoiceFilter(label=_("penalised party"), choices=PartyKind.choices)

    class Meta:
        model = LegalBasis
        fields = ["q", "party", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(law__icontains=value) | Q(article=value) | Q(summary__icontains=value)
        )
