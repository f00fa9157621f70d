import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import ModelMultipleChoiceFilter

from anjian.core.forms import style_fields
from anjian.core.models import AuditEvent
from anjian.core.scoping import ScopedQuerySet


class BaseFilterSet(django_filters.FilterSet):
    """Shared by the list page and the API of a model.

    Every model-choice filter accepts only rows the requesting user may view (the same rule as
    form choices, ``core.forms.restrict_form_fields``), so a filter can neither list nor probe
    records outside the jurisdiction.
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            for f in self.filters.values():
                queryset = getattr(f, "queryset", None)
                if isinstance(f, django_filters.ModelChoiceFilter | ModelMultipleChoiceFilter) and (
                    isinstance(queryset, ScopedQuerySet)
                ):
                    f.queryset = queryset.restrict(user, "view")
        for f in self.form.fields.values():
            if hasattr(f, "empty_label") and f.empty_label == "---------":
                f.empty_label = _("All")
        style_fields(self.form.fields, small=True)

    @property
    def qs(self):
        # Querysets arrive already restricted by the view or viewset; a filter never widens them.
        return super().qs


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field, within the years a record may hold
    (``DATE_EARLIEST_YEAR`` … ``DATE_YEARS_AHEAD`` from now): ``?year=0`` or ``?year=1e9`` is an
    invalid filter (an empty page, a 400 in the API), never a date that cannot exist."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("label", _("year"))
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        from django.conf import settings
        from django.utils import timezone

        if not hasattr(self, "_field"):  # each filterset holds its own copy: bounds of today
            self.extra["min_value"] = settings.ANJIAN_DATE_EARLIEST_YEAR
            self.extra["max_value"] = timezone.localdate().year + settings.ANJIAN_DATE_YEARS_AHEAD
        return super().field


class AuditEventFilterSet(BaseFilterSet):
    action = django_filters.CharFilter(label=_("action"), lookup_expr="startswith")
    actor_username = django_filters.CharFilter(label=_("username"), lookup_expr="iexact")
    since = django_filters.DateFilter(
        label=_("from date"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("to date"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor_username", "since", "until"]
