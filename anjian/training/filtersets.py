import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core import masking
from anjian.core.filtersets import BaseFilterSet, YearFilter
from anjian.training import rules
from anjian.training.choices import (
    EXPIRING_SOON_DAYS,
    ActivityKind,
    CertificateState,
    Duty,
    SpecialCategory,
    TrainingKind,
)
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)


def _hidden_id_filter(field_name, label):
    # Chosen from a link (an enterprise file, a session page), not from a drop-down: a choice list
    # would cost a query per page and the rows are already restricted to the user's reach.
    return django_filters.NumberFilter(field_name=field_name, label=label, widget=forms.HiddenInput)


def duty_q(value, field="duties"):
    # Duties are a JSON list; its text holds each code in quotes on SQLite and PostgreSQL alike.
    return Q(**{f"{field}__icontains": f'"{value}"'})


class PersonFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    duty = django_filters.ChoiceFilter(label=_("duty"), choices=Duty.choices, method="by_duty")
    employer = _hidden_id_filter("employer", _("employer"))

    class Meta:
        model = Person
        fields = ["q", "duty", "employer"]

    def is_valid(self):
        # A search by ID number (an exact match) without the reveal permission: only the full,
        # valid number, rate-limited and audited (core.masking.allow_exact_search); once the
        # hour's searches are used up, the search is refused with the reason.
        valid = super().is_valid()
        if valid and self.id_number_match() is None:
            self.form.add_error("q", self._id_refusal)
            return False
        return valid

    def id_number_match(self) -> str | bool | None:
        """The ID number to match exactly, ``False`` for none, ``None`` when refused."""
        if not hasattr(self, "_id_match"):
            value = (self.form.cleaned_data.get("q") or "").strip() if self.form.is_valid() else ""
            number = rules.compact_id_number(value).upper() if value else ""
            self._id_match, self._id_refusal = False, ""
            if number and (
                rules.may_reveal(getattr(self.request, "user", None)) or _is_full_number(number)
            ):
                gate = masking.allow_exact_search(self.request, Person, "id_number", number)
                if gate is True:
                    self._id_match = number
                elif gate:
                    self._id_match, self._id_refusal = None, gate
        return self._id_match

    def search(self, queryset, name, value):
        q = (
            Q(name__icontains=value)
            | Q(phone=value)
            | Q(contractor_unit__icontains=value)
            | Q(employer__name__icontains=value)
        )
        number = self.id_number_match()
        if number:
            q |= Q(id_number=number)
        return queryset.filter(q)

    def by_duty(self, queryset, name, value):
        return queryset.filter(duty_q(value))


def _is_full_number(value: str) -> bool:
    try:
        rules.validate_id_number(value)
    except ValidationError:
        return False
    return True


class TrainingSessionFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=TrainingKind.choices)
    year = YearFilter(field_name="held_on")

    class Meta:
        model = TrainingSession
        fields = ["q", "kind", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(topic__icontains=value) | Q(provider__icontains=value) | Q(trainer__icontains=value)
        )


class AttendanceFilterSet(BaseFilterSet):
    session = _hidden_id_filter("session", _("training session"))
    passed = django_filters.BooleanFilter(label=_("passed"))

    class Meta:
        model = Attendance
        fields = ["session", "passed"]


class CertificateFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("training kind"), choices=TrainingKind.choices)
    duty = django_filters.ChoiceFilter(label=_("duty"), choices=Duty.choices, method="by_duty")
    state = django_filters.ChoiceFilter(
        label=_("validity"), choices=CertificateState.choices, method="by_state"
    )

    class Meta:
        model = Certificate
        fields = ["q", "kind", "duty", "state"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(person__name__icontains=value))

    def by_duty(self, queryset, name, value):
        return queryset.filter(duty_q(value))

    def by_state(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=EXPIRING_SOON_DAYS)
        if value == CertificateState.VOID:
            return queryset.filter(voided_on__isnull=False)
        queryset = queryset.filter(voided_on__isnull=True)
        if value == CertificateState.EXPIRED:
            return queryset.filter(expires_on__lt=today)
        if value == CertificateState.NOT_YET_VALID:
            return queryset.filter(issued_on__gt=today)
        current = queryset.filter(issued_on__lte=today, expires_on__gte=today)
        if value == CertificateState.EXPIRING:
            return current.filter(expires_on__lte=soon)
        return current.filter(expires_on__gt=soon)


class DrillFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    year = YearFilter(field_name="held_on")
    evaluated = django_filters.BooleanFilter(label=_("evaluated"), method="by_evaluated")

    class Meta:
        model = Drill
        fields = ["q", "year", "evaluated"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(scenario__icontains=value)
            | Q(location__icontains=value)
            | Q(space__name__icontains=value)
        )

    def by_evaluated(self, queryset, name, value):
        empty = Q(evaluation="")
        return queryset.exclude(empty) if value else queryset.filter(empty)


class ActivityFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=ActivityKind.choices)
    year = YearFilter(field_name="held_on")

    class Meta:
        model = Activity
        fields = ["q", "kind", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class SpecialCertificateFilterSet(BaseFilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    category = django_filters.ChoiceFilter(label=_("category"), choices=SpecialCategory.choices)

    class Meta:
        model = SpecialCertificate
        fields = ["q", "category"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value)
            | Q(person__name__icontains=value)
            | Q(operation__icontains=value)
        )


class TrainingValidityFilterSet(BaseFilterSet):
    class Meta:
        model = TrainingValidity
        fields = ["kind"]
