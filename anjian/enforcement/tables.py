import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, NumberColumn, StatusColumn, status_badge
from anjian.enforcement import rules
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase


def publication_badge(case, today=None):
    if rules.publication_overdue(case, today):
        return status_badge("overdue", gettext("Publication overdue"))
    return ""


def repeat_badge(case):
    if case.repeat_offender:
        return status_badge("major", gettext("Proposed for closure"))
    return ""


class EnforcementCaseTable(BaseTable):
    number = tables.Column(linkify=("enforcement:enforcementcase_detail", [tables.A("pk")]))
    party = tables.Column(verbose_name=_("party"), empty_values=(), orderable=False)
    total_fine = NumberColumn()
    publication_due = tables.Column(empty_values=())
    status = StatusColumn()

    secondary_columns = ("decision_number", "total_fine", "publication_due")

    class Meta(BaseTable.Meta):
        model = EnforcementCase
        fields = [
            "number",
            "party",
            "decision_number",
            "decision_date",
            "total_fine",
            "publication_due",
            "status",
        ]

    def render_party(self, value, record):
        name = record.party_name
        badge = repeat_badge(record)
        if badge:
            from django.utils.html import format_html

            return format_html("{} {}", name, badge)
        return name

    def value_party(self, value, record):
        return record.party_name

    def render_publication_due(self, value, record):
        if not record.publication_due:
            return "—"
        text = record.publication_due.strftime("%Y-%m-%d")
        if record.published_on:
            return text
        if publication_badge(record, self._today()):
            return status_badge("overdue", f"{text} {gettext('Overdue')}")
        return text

    def value_publication_due(self, value, record):
        return record.publication_due

    def _today(self):
        if not hasattr(self, "_today_value"):
            self._today_value = timezone.localdate()
        return self._today_value


class CasePenaltyTable(BaseTable):
    legal_basis = tables.Column(linkify=("enforcement:casepenalty_detail", [tables.A("pk")]))
    amount = NumberColumn()

    class Meta(BaseTable.Meta):
        model = CasePenalty
        fields = ["case", "legal_basis", "kind", "amount"]


class CalendarDayTable(BaseTable):
    date = tables.Column(linkify=("enforcement:calendarday_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = CalendarDay
        fields = ["date", "kind", "name", "provisional"]
