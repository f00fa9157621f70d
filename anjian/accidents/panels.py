"""The accidents panel of the enterprise file (一企一档): the enterprise's accidents, latest first."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 20


def accidents_panel(enterprise, request):
    from anjian.accidents.models import Accident

    user = request.user
    rows = Accident.objects.restrict(user, "view").filter(enterprise=enterprise)
    add_url = None
    if user.has_perm("accidents.add_accident"):
        add_url = reverse("accidents:accident_add") + f"?enterprise={enterprise.pk}"
    return {
        "accidents": list(rows.order_by("-occurred_at", "-id")[:PANEL_ROWS]),
        "list_url": reverse("accidents:accident_list") + f"?enterprise={enterprise.pk}",
        "add_url": add_url,
    }


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Accidents"),
        "accidents/panels/accidents.html",
        accidents_panel,
        order=180,
        permission="accidents.view_accident",
    )
