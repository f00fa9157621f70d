"""The enterprise ledger in Excel: export, template, import (all or nothing).

Rules named per row: the USCC check digit and format, the village by code, name or "code name", a
USCC repeated within the file or held by an enterprise the importer cannot change, an unknown
industry (by GB/T 4754 code, name, or the page's "C33 金属制品业"), and every rule of the enterprise
form. The risk grade is exported; on import it may set the grade of a new enterprise (a transition
with the reason "Excel import", needing the grade permission) but never silently change an existing
one. The export adds the next routine inspection (read only: the import ignores that column).
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core.excel import Column, Ledger
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import rules, services
from anjian.enterprises.choices import GRADE_CHOICES, EnterpriseStatus
from anjian.enterprises.forms import EnterpriseForm
from anjian.enterprises.models import GRADE_PERMISSION, Enterprise


class EnterpriseLedger(Ledger):
    model = Enterprise
    form_class = EnterpriseForm
    key = "uscc"
    sheet_title = gettext_lazy("Enterprises")
    columns = [
        Column("name", width=30),
        Column("uscc", width=22),
        Column("address", width=30),
        Column("region", lookup="code", alternate_lookups=("name",), width=24),
        Column("grid", lookup="code", alternate_lookups=("name",), width=24),
        Column("industry", lookup="code", alternate_lookups=("name",), width=30),
        Column("status"),
        Column("principal_name"),
        Column("principal_title"),
        Column("principal_phone", width=16),
        Column("safety_officer_name"),
        Column("safety_officer_title"),
        Column("safety_officer_phone", width=16),
        Column("employee_count"),
        Column("sector"),
        Column(
            "supervising_department", lookup="name", alternate_lookups=("short_name",), width=24
        ),
        Column("park", lookup="name", width=24),
        Column("landlord", lookup="uscc", alternate_lookups=("name",), width=30),
        Column("landlord_organization", lookup="name", alternate_lookups=("short_name",), width=24),
        Column("service_agency", lookup="name", alternate_lookups=("short_name",), width=24),
        Column("last_inspected_on", width=14),
        Column("risk_grade"),
    ]
    example = {
        "name": "江门市示例五金制品有限公司",
        "uscc": "91440704MA4UEX7Q5C",  # passes both check digits
        "address": "江门市江海区示例路1号",
        "region": "440704003001 东南村",
        "industry": "C33 金属制品业",
        "status": EnterpriseStatus.OPERATING.label,
        "principal_name": "张三",
        "principal_phone": "13800000000",
        "employee_count": 35,
        "risk_grade": "C",
    }

    export_values = True  # the overrides read only the columns' fields (core.excel)

    def cell_value(self, obj, column):
        if column.field == "risk_grade":
            return obj.risk_grade
        return super().cell_value(obj, column)

    # The export adds the next routine inspection, computed like the list page.
    def export_headers(self):
        return [*self.headers(), str(_("next routine inspection"))]

    def export_rows(self, queryset):
        intervals = services.grade_intervals()
        today = timezone.localdate()
        for obj in self.export_objects(queryset):
            due = rules.next_inspection_due(obj.risk_grade, obj.last_inspected_on, intervals, today)
            yield [*(self.cell_value(obj, c) for c in self.columns), due]

    def normalize_key(self, value):
        return rules.compact_uscc(str(value or "")).strip()

    def import_row(self, row, ctx):
        raw = str(row.values.get("risk_grade") or "").strip()
        labels = self._grade_labels()
        grade = labels.get(raw.upper(), raw.upper())
        if grade not in {value for value, _label in GRADE_CHOICES}:
            row.errors.append(
                _("%(column)s: “%(value)s” is not a grade (A, B, C or D).")
                % {"column": self._risk_header(), "value": raw}
            )
            return
        existing = ctx.existing.get(self.normalize_key(row.values.get(self.key)))
        if existing is not None and raw and grade != existing.risk_grade:
            row.errors.append(
                _("%(column)s: a grade changes only on the enterprise's page, with a reason.")
                % {"column": self._risk_header()}
            )
            return
        if existing is None and grade and not ctx.user.has_perm(GRADE_PERMISSION):
            row.errors.append(
                _("%(column)s: you may not set a grade; leave the cell blank.")
                % {"column": self._risk_header()}
            )
            # go on: the other checks of the row are reported too
        row.grade = grade if existing is None else ""
        super().import_row(row, ctx)

    def after_row(self, row, obj, ctx):
        grade = getattr(row, "grade", "")
        if not ctx.commit or not grade or row.errors:
            return
        try:
            services.change_grade(obj, grade=grade, reason=_("Excel import"), actor=ctx.user)
        except TransitionRefused as refused:
            row.errors.extend(f"{self._risk_header()}: {r}" for r in refused.reasons)

    def _grade_labels(self):
        """Grade label (upper case, active language) → grade, once an import (not every row)."""
        cache = self.__dict__.setdefault("_grade_label_cache", {})
        language = translation.get_language()
        if language not in cache:
            cache[language] = {str(label).upper(): value for value, label in GRADE_CHOICES}
        return cache[language]

    def _risk_header(self):
        return self.header(next(c for c in self.columns if c.field == "risk_grade"))
