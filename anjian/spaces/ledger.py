"""Excel ledgers of confined spaces and safety equipment, through core's all-or-nothing import.

A space's code is unique per enterprise, not across the district, so a file finds the stored row
by its record number (the ``id`` column an export writes; empty for a new row). Two rows of one
file naming the same enterprise and code are refused in the preview already, the second naming
the first.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core.excel import Column, Ledger, RowResult
from anjian.enterprises.rules import make_uscc
from anjian.spaces.forms import ConfinedSpaceForm, SafetyEquipmentForm
from anjian.spaces.models import ConfinedSpace, SafetyEquipment

RECORD_NUMBER = gettext_lazy("record number")
# A valid USCC (both check digits) so that the template's example row would import.
EXAMPLE_ENTERPRISE = f"{make_uscc('91', '440704', 'MA400001')} 江门市恒亦达电子有限公司"


class RecordNumberLedger(Ledger):
    """A ledger keyed by the record number: blank for a new row, an existing one's to update."""

    key = "id"
    # ConfinedSpace.save() copies the region and keeps the label token: the per-row commit.
    write_in_bulk = False

    def normalize_key(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().normalize_key(value)

    def prepare(self, parsed, ctx, *args, **kwargs):
        # Only numbers can be record numbers; anything else is reported by import_row.
        numeric = [
            (n, v if self.normalize_key(v.get(self.key)).isdigit() else {**v, self.key: ""})
            for n, v in parsed
        ]
        super().prepare(numeric, ctx, *args, **kwargs)
        ctx.spaces_seen = {}

    def import_row(self, row, ctx):
        key = self.normalize_key(row.values.get(self.key))
        if key and key not in ctx.existing:
            row.errors.append(
                _("%(column)s “%(value)s” was not found; leave it empty for a new record.")
                % {"column": self.header(self._key_column()), "value": key}
            )
            return
        super().import_row(row, ctx)


class ConfinedSpaceLedger(RecordNumberLedger):
    model = ConfinedSpace
    form_class = ConfinedSpaceForm
    sheet_title = gettext_lazy("Confined spaces")
    columns = [
        Column("id", header=RECORD_NUMBER),
        Column("enterprise", lookup="uscc", alternate_lookups=("name",)),
        Column("code"),
        Column("name"),
        Column("kind"),
        Column("location"),
        Column("size"),
        Column("hazard_factors"),
        Column("accident_types"),
        Column("toxic_gases"),
        Column("oxygen_deficiency_risk"),
        Column("explosion_risk"),
        Column("warning_sign"),
        Column("risk_notice_board"),
        Column("isolation"),
        Column("isolation_effective"),
        Column("usual_work"),
        Column("work_frequency"),
        Column("performed_by"),
        Column("responsible_person", header=gettext_lazy("responsible person"), lookup="name"),
        Column("identified_on"),
        Column("reviewed_on"),
        Column("status"),
    ]
    example = {
        "enterprise": EXAMPLE_ENTERPRISE,
        "code": "YX-01",
        "name": "好氧池",
        "kind": "地下有限空间",
        "location": "污水处理站东侧",
        "size": "8 m × 6 m，深 4.5 m",
        "hazard_factors": "污泥发酵产生硫化氢，通风不良",
        "accident_types": "中毒、窒息、淹溺",
        "toxic_gases": "H2S、CO2",
        "oxygen_deficiency_risk": "是",
        "explosion_risk": "否",
        "warning_sign": "是",
        "risk_notice_board": "是",
        "isolation": "锁",
        "isolation_effective": "是",
        "usual_work": "清淤、设备检修",
        "work_frequency": "每季度一次",
        "performed_by": "外包作业",
        "identified_on": "2026-03-01",
        "status": "在用",
    }

    def cell_value(self, obj, column):
        if column.field == "toxic_gases":
            return "、".join(obj.toxic_gases or [])
        return super().cell_value(obj, column)

    def prepare(self, parsed, ctx, *args, **kwargs):
        super().prepare(parsed, ctx, *args, **kwargs)
        # The codes the file names, as stored: (enterprise id, code) → record id.
        codes = sorted({str(v.get("code") or "").strip() for _n, v in parsed} - {""})
        ctx.stored_codes = {}
        for start in range(0, len(codes), 500):
            rows = ConfinedSpace._base_manager.filter(code__in=codes[start : start + 500])
            for enterprise_id, code, pk in rows.values_list("enterprise_id", "code", "pk"):
                ctx.stored_codes[(enterprise_id, code)] = pk

    def import_row(self, row, ctx, *args, **kwargs):
        before = len(row.errors)
        super().import_row(row, ctx, *args, **kwargs)
        if len(row.errors) > before:
            return
        pair = self._enterprise_and_code(row, ctx)
        if pair is None:
            return
        # One enterprise, one code: refused in the preview already (the database would refuse
        # it only on commit), both against the stored ledger and within the file.
        stored = ctx.stored_codes.get(pair)
        if stored is not None and str(stored) != self.normalize_key(row.values.get(self.key)):
            row.errors.append(
                _("This enterprise already has a confined space with the code “%(code)s”.")
                % {"code": pair[1]}
            )
        elif pair in ctx.spaces_seen:
            row.errors.append(
                _("Space code “%(code)s” of this enterprise already appears in row %(row)s.")
                % {"code": pair[1], "row": ctx.spaces_seen[pair]}
            )
        else:
            ctx.spaces_seen[pair] = row.number

    def _enterprise_and_code(self, row, ctx):
        instance = ctx.existing.get(self.normalize_key(row.values.get(self.key)))
        code = str(row.values.get("code") or "").strip() or (instance and instance.code)
        text = str(row.values.get("enterprise") or "").strip()
        if text:
            column = next(c for c in self.columns if c.field == "enterprise")
            enterprise = self.resolve(column, text, RowResult(number=0, values={}), ctx)
            enterprise_id = enterprise and enterprise.pk
        else:
            enterprise_id = instance and instance.enterprise_id
        return (enterprise_id, code) if enterprise_id and code else None


class SafetyEquipmentLedger(RecordNumberLedger):
    model = SafetyEquipment
    form_class = SafetyEquipmentForm
    sheet_title = gettext_lazy("Safety equipment")
    columns = [
        Column("id", header=RECORD_NUMBER),
        Column("enterprise", lookup="uscc", alternate_lookups=("name",)),
        Column("kind"),
        Column("name"),
        Column("model_number"),
        Column("serial_number"),
        Column("quantity"),
        Column("location"),
        Column("calibrated_on"),
        Column("valid_until"),
        Column("explosion_proof"),
        Column("status"),
    ]
    example = {
        "enterprise": EXAMPLE_ENTERPRISE,
        "kind": "气体检测报警仪",
        "name": "四合一气体检测仪",
        "model_number": "BW GasAlertMax XT II",
        "serial_number": "MA216-0032",
        "quantity": 1,
        "location": "污水站值班室",
        "calibrated_on": "2026-06-01",
        "valid_until": "2027-05-31",
        "explosion_proof": "是",
        "status": "在用",
    }
