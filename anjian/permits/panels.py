"""The permits panel of the enterprise file (一企一档): its confined-space work, late filings and
work in progress first (registered by ``PermitsConfig.ready``)."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 20


def permits_panel(enterprise, request):
    from anjian.permits.choices import PermitStatus
    from anjian.permits.models import Permit

    rows = Permit.objects.restrict(request.user, "view").filter(enterprise=enterprise)
    urgent = Case(
        When(status=PermitStatus.IN_PROGRESS, then=Value(0)),
        When(status=PermitStatus.SUSPENDED, then=Value(0)),
        When(filed_late=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    shown = list(
        rows.select_related("space")
        .annotate(urgent=urgent)
        .order_by("urgent", "-planned_start", "-id")[: PANEL_ROWS + 1]
    )
    return {
        "permits": shown[:PANEL_ROWS],
        "more": len(shown) > PANEL_ROWS,
        "list_url_query": f"enterprise={enterprise.pk}",
    }


def register():
    from anjian.enterprises import panels

    panels.register(
        _("Confined-space work"),
        "permits/panels/permits.html",
        permits_panel,
        order=210,
        permission="permits.view_permit",
    )
