import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, StatusColumn, status_badge
from anjian.spaces import rules
from anjian.spaces.choices import DateState, RiskLevel
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

# The four colours of the risk grading; the status badge's palette plus its yellow (app.css).
RISK_COLOURS = {
    RiskLevel.RED: "red",
    RiskLevel.ORANGE: "orange",
    RiskLevel.YELLOW: "yellow",
    RiskLevel.BLUE: "blue",
}
_LEVEL_LABELS = dict(RiskLevel.choices)
_STATE_LABELS = dict(DateState.choices)
_STATE_BADGE = {
    DateState.OUT_OF_DATE: "expired",
    DateState.DUE_SOON: "due_soon",
    DateState.IN_DATE: "valid",
    DateState.NO_DATE: "",
}


def risk_badge(level, label=None):
    """A space's risk colour as a badge (one cell of a list, no template engine)."""
    if not level:
        return format_html(
            '<span class="status-badge status-grey" data-risk="">{}</span>',
            gettext("Not assessed"),
        )
    return format_html(
        '<span class="status-badge risk-badge status-{}" data-risk="{}">{}</span>',
        RISK_COLOURS.get(level, "grey"),
        level,
        label or _LEVEL_LABELS.get(level, level),
    )


def date_state_badge(state):
    return status_badge(_STATE_BADGE.get(state, ""), _STATE_LABELS.get(state, state))


class ConfinedSpaceTable(BaseTable):
    code = tables.Column(linkify=("spaces:confinedspace_detail", [tables.A("pk")]))
    name = tables.Column(linkify=("spaces:confinedspace_detail", [tables.A("pk")]))
    enterprise = tables.Column()
    toxic_gases = tables.Column(verbose_name=_("toxic gases"), orderable=False)
    risk_level = tables.Column(verbose_name=_("risk level"), empty_values=())
    status = StatusColumn()

    secondary_columns = ("enterprise", "kind", "location", "toxic_gases", "status")

    class Meta(BaseTable.Meta):
        model = ConfinedSpace
        fields = [
            "code",
            "name",
            "enterprise",
            "kind",
            "location",
            "toxic_gases",
            "risk_level",
            "status",
        ]

    def render_toxic_gases(self, value):
        return ", ".join(value) if value else "—"

    def value_toxic_gases(self, value):
        return rules.gas_labels(value)

    def render_risk_level(self, value, record):
        return risk_badge(record.risk_level)


class SpaceRiskAssessmentTable(BaseTable):
    space = tables.Column(linkify=("spaces:confinedspace_detail", [tables.A("space_id")]))
    level = tables.Column(verbose_name=_("risk level"))
    detail = tables.LinkColumn(
        "spaces:spaceriskassessment_detail",
        args=[tables.A("pk")],
        text=_("Open"),
        orderable=False,
        verbose_name="",
    )

    class Meta(BaseTable.Meta):
        model = SpaceRiskAssessment
        fields = ["assessed_on", "space", "method", "score", "level", "assessor", "detail"]

    def render_level(self, value, record):
        return risk_badge(record.level, value)


class SafetyEquipmentTable(BaseTable):
    name = tables.Column(linkify=("spaces:safetyequipment_detail", [tables.A("pk")]))
    enterprise = tables.Column()
    validity = tables.Column(
        verbose_name=_("validity"), accessor="valid_until", order_by="valid_until", empty_values=()
    )
    status = StatusColumn()

    secondary_columns = ("enterprise", "model_number", "location", "calibrated_on")

    class Meta(BaseTable.Meta):
        model = SafetyEquipment
        fields = [
            "name",
            "kind",
            "enterprise",
            "model_number",
            "quantity",
            "location",
            "calibrated_on",
            "valid_until",
            "validity",
            "status",
        ]

    def render_validity(self, value, record):
        return date_state_badge(record.date_state(self._today()))

    def value_validity(self, value, record):
        return str(_STATE_LABELS[record.date_state(self._today())])

    def _today(self):
        if not hasattr(self, "_today_value"):
            self._today_value = timezone.localdate()
        return self._today_value
