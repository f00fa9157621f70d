"""The inspections panel of the enterprise file (一企一档): planned ones first, then the latest."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 10


def inspections_panel(enterprise, request):
    from anjian.inspections.models import Inspection
    from anjian.inspections.tables import status_badge_of

    user = request.user
    rows = (
        Inspection.objects.restrict(user, "view")
        .filter(enterprise=enterprise)
        .select_related("template", "campaign")
        .order_by("-planned_on", "-id")
    )
    add_url = None
    if user.has_perm("inspections.add_inspection"):
        add_url = reverse("inspections:inspection_add") + f"?enterprise={enterprise.pk}"
    return {
        "inspections": [(i, status_badge_of(i)) for i in rows[:PANEL_ROWS]],
        "last_inspected_on": enterprise.last_inspected_on,
        "list_url": reverse("inspections:inspection_list") + f"?enterprise={enterprise.pk}",
        "add_url": add_url,
    }


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Inspections"),
        "inspections/panels/inspections.html",
        inspections_panel,
        order=160,
        permission="inspections.view_inspection",
    )
