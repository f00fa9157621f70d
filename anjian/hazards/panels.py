"""The hazards panel of the enterprise file (一企一档): open hazards first, then the latest."""

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.pagination import capped_count

PANEL_ROWS = 20


def hazards_panel(enterprise, request):
    from anjian.hazards.choices import OPEN_STATUSES
    from anjian.hazards.models import Hazard
    from anjian.hazards.tables import level_badge, overdue_badge

    user = request.user
    rows = Hazard.objects.restrict(user, "view").filter(enterprise=enterprise)
    ordered = rows.annotate(
        closed_last=Case(
            When(status__in=OPEN_STATUSES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed_last", "deadline", "-found_on", "-id")
    today = timezone.localdate()
    hazards = list(ordered[:PANEL_ROWS])
    open_count, _capped = capped_count(rows.filter(status__in=OPEN_STATUSES))
    add_url = None
    if user.has_perm("hazards.add_hazard"):
        add_url = reverse("hazards:hazard_add") + f"?enterprise={enterprise.pk}"
    return {
        "hazards": [
            (h, level_badge(h.level, h.get_level_display()), overdue_badge(h, today))
            for h in hazards
        ],
        "open_count": open_count,
        "list_url": reverse("hazards:hazard_list") + f"?enterprise={enterprise.pk}",
        "add_url": add_url,
    }


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Hazards"),
        "hazards/panels/hazards.html",
        hazards_panel,
        order=150,
        permission="hazards.view_hazard",
    )
