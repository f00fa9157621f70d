"""The panels this app adds to the enterprise file (一企一档): confined spaces, safety equipment."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 50


def spaces_panel(enterprise, request):
    from anjian.spaces.models import ConfinedSpace
    from anjian.spaces.tables import risk_badge

    rows = ConfinedSpace.objects.restrict(request.user, "view").filter(enterprise=enterprise)
    spaces = list(rows[:PANEL_ROWS])
    return {"spaces": [(s, risk_badge(s.risk_level)) for s in spaces], "total": rows.count()}


def equipment_panel(enterprise, request):
    from anjian.spaces.models import SafetyEquipment
    from anjian.spaces.tables import date_state_badge

    today = timezone.localdate()
    rows = SafetyEquipment.objects.restrict(request.user, "view").filter(enterprise=enterprise)
    items = list(rows[:PANEL_ROWS])
    return {
        "equipment": [(e, date_state_badge(e.date_state(today))) for e in items],
        "total": rows.count(),
    }


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Confined spaces"),
        "spaces/panels/spaces.html",
        spaces_panel,
        order=200,
        permission="spaces.view_confinedspace",
    )
    panels.register(
        _("Confined-space safety equipment"),
        "spaces/panels/equipment.html",
        equipment_panel,
        order=210,
        permission="spaces.view_safetyequipment",
    )
