"""The enterprise ledger in Excel: export, blank template, import (all or nothing).

Rules named per row: the USCC check digit and format, the village by code or name, a USCC
repeated within the file or held by an enterprise the importer cannot change, an unknown industry
(by GB/T 4754 code or name), and every rule of the enterprise form. The risk grade is exported;
on import it may set the grade of a new enterprise (a transition with the reason "Excel import",
needing the grade permission) but never silently change an existing one.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core.excel import Column, Ledger
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import services
from anjian.enterprises.choices import GRADE_CHOICES
from anjian.enterprises.forms import EnterpriseForm
from anjian.enterprises.models import Enterprise


class EnterpriseLedger(Ledger):
    model = Enterprise
    form_class = EnterpriseForm
    key = "uscc"
    sheet_title = gettext_lazy("Enterprises")
    columns = [
        Column("name"),
        Column("uscc"),
        Column("address"),
        Column("region", lookup="code", alternate_lookups=("name",)),
        Column("grid", lookup="code", alternate_lookups=("name",)),
        Column("industry", lookup="code", alternate_lookups=("name",)),
        Column("status"),
        Column("principal_name"),
        Column("principal_title"),
        Column("principal_phone"),
        Column("safety_officer_name"),
        Column("safety_officer_title"),
        Column("safety_officer_phone"),
        Column("employee_count"),
        Column("park", lookup="name"),
        Column("landlord", lookup="uscc", alternate_lookups=("name",)),
        Column("service_agency", lookup="name", alternate_lookups=("short_name",)),
        Column("last_inspected_on"),
        Column("risk_grade"),
    ]

    def cell_value(self, obj, column):
        if column.field == "risk_grade":
            return obj.risk_grade
        value = super().cell_value(obj, column)
        if column.field == "last_inspected_on" and value:
            return value.isoformat()
        return value

    def import_row(self, row, user):
        grade = str(row.values.get("risk_grade") or "").strip().upper()
        labels = {str(label).upper(): value for value, label in GRADE_CHOICES}
        grade = labels.get(grade, grade)
        if grade not in {value for value, _label in GRADE_CHOICES}:
            row.errors.append(
                _("%(column)s: “%(value)s” is not a grade (A, B, C or D).")
                % {"column": self._risk_header(), "value": row.values.get("risk_grade")}
            )
            return
        existing = self.existing(row.values, user)
        if existing is not None and grade != existing.risk_grade:
            row.errors.append(
                _("%(column)s: a grade changes only on the enterprise's page, with a reason.")
                % {"column": self._risk_header()}
            )
            return
        super().import_row(row, user)
        if row.errors or existing is not None or not grade:
            return
        created = self.existing(row.values, user)
        try:
            services.change_grade(created, grade=grade, reason=_("Excel import"), actor=user)
        except TransitionRefused as refused:
            row.errors.extend(f"{self._risk_header()}: {r}" for r in refused.reasons)

    def _risk_header(self):
        return self.header(next(c for c in self.columns if c.field == "risk_grade"))

    def existing(self, values, user):
        from anjian.enterprises.rules import compact_uscc

        key = compact_uscc(str(values.get(self.key) or ""))
        return Enterprise.objects.filter(uscc=key).first() if key else None
