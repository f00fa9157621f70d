import django_tables2 as tables
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, StatusColumn, escape_cell, format_date, status_badge
from anjian.enterprises import rules, services
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)


class EnterpriseTable(BaseTable):
    secondary_columns = (
        "uscc",
        "region",
        "industry",
        "principal_name",
        "status",
        "last_inspected_on",
    )
    name = tables.Column(linkify=True)
    region = tables.Column()
    industry = tables.Column(accessor="industry__name", verbose_name=_("industry"))
    risk_grade = tables.Column(verbose_name=_("risk grade"), order_by="risk_grade", empty_values=())
    status = StatusColumn()
    next_inspection = tables.Column(
        verbose_name=_("next routine inspection"), empty_values=(), orderable=False
    )

    class Meta(BaseTable.Meta):
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "region",
            "industry",
            "principal_name",
            "risk_grade",
            "status",
            "last_inspected_on",
            "next_inspection",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the frequency table, whatever the number of rows.
        self._intervals = None
        self._today = timezone.localdate()

    def _due(self, record):
        if self._intervals is None:
            self._intervals = services.grade_intervals()
        return rules.next_inspection_due(
            record.risk_grade, record.last_inspected_on, self._intervals, self._today
        )

    def render_next_inspection(self, record):
        due = self._due(record)
        if not due:
            return "—"
        # The locale's date, with an Overdue / Due badge under it on a phone (.cell-badge).
        status = rules.inspection_due_status(due, self._today)
        badge = ""
        if status == "overdue":
            badge = (
                ' <span class="cell-badge">' + status_badge(status, gettext("Overdue")) + "</span>"
            )
        elif status == "due_soon":
            badge = ' <span class="cell-badge">' + status_badge(status, gettext("Due")) + "</span>"
        return SafeString(
            '<span class="text-nowrap">'
            + escape_cell(format_date(due, "SHORT_DATE_FORMAT"))
            + "</span>"
            + badge
        )

    def render_risk_grade(self, value, record):  # value: the label (a choice field)
        return grade_badge(record.risk_grade, value)

    def value_risk_grade(self, value, record):
        return value if record.risk_grade else gettext("Not graded")

    def value_next_inspection(self, record):
        due = self._due(record)
        return due.isoformat() if due else ""


GRADE_COLOURS = {"A": "red", "B": "orange", "C": "blue"}  # any other grade green


def grade_badge(grade, label=None):
    """``enterprises/grade_badge.html`` without the template engine (one cell of a list)."""
    if not grade:
        return SafeString(
            '<span class="status-badge status-grey" data-grade="">'
            + escape_cell(gettext("Not graded"))
            + "</span>"
        )
    return SafeString(
        '<span class="status-badge grade-badge status-'
        + GRADE_COLOURS.get(grade, "green")
        + '" data-grade="'
        + escape_cell(grade)
        + '">'
        + escape_cell(label or grade)
        + "</span>"
    )


class ParkTable(BaseTable):
    name = tables.Column(linkify=True)
    region = tables.Column()
    operator_enterprise = tables.Column()
    operator_organization = tables.Column()

    class Meta(BaseTable.Meta):
        model = Park
        fields = [
            "name",
            "region",
            "operator_enterprise",
            "operator_organization",
            "safety_committee_formed_on",
        ]


class SafetyAgreementTable(BaseTable):
    id = tables.Column(linkify=True, verbose_name=_("agreement"))
    park = tables.Column()
    landlord = tables.Column(
        accessor="party", verbose_name=_("landlord"), order_by=("landlord__name",)
    )
    tenant = tables.Column()

    class Meta(BaseTable.Meta):
        model = SafetyAgreement
        fields = ["id", "kind", "park", "landlord", "tenant", "signed_on", "expires_on"]


class IndustryTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Industry
        fields = ["code", "name"]


class GradeFrequencyTable(BaseTable):
    grade = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = GradeFrequency
        fields = ["grade", "interval_months"]


class EnterpriseMembershipTable(BaseTable):
    # Link the membership, not the user (whose own page a User has).
    user = tables.Column(linkify=lambda record: record.get_absolute_url())
    enterprise = tables.Column()

    class Meta(BaseTable.Meta):
        model = EnterpriseMembership
        fields = ["user", "enterprise", "position"]
