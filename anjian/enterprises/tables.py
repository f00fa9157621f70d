import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable
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
    risk_grade = tables.TemplateColumn(
        template_name="enterprises/grade_cell.html",
        verbose_name=_("risk grade"),
        order_by="risk_grade",
    )
    status = tables.TemplateColumn(
        template_name="core/status_cell.html", verbose_name=_("status"), order_by="status"
    )
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
        return render_to_string(  # the locale's date, with an Overdue / Due badge
            "enterprises/next_inspection_cell.html",
            {"due": due, "status": rules.inspection_due_status(due, self._today)},
        )

    def value_next_inspection(self, record):
        due = self._due(record)
        return due.isoformat() if due else ""


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
