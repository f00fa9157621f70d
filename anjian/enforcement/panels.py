"""The cases panel of the enterprise file (一企一档): the latest cases against the enterprise and
its people, the fines decided, and the repeat-offender flag (proposed for closure)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 20


def cases_panel(enterprise, request):
    from django.db.models import Sum

    from anjian.enforcement import rules
    from anjian.enforcement.choices import DECIDED_STATUSES
    from anjian.enforcement.models import EnforcementCase
    from anjian.enforcement.tables import publication_badge

    user = request.user
    rows = EnforcementCase.objects.restrict(user, "view").filter(enterprise=enterprise)
    cases = list(rows.order_by("-opened_on", "-id")[:PANEL_ROWS])
    fined = rows.filter(status__in=DECIDED_STATUSES).aggregate(s=Sum("total_fine"))["s"] or 0
    add_url = None
    if user.has_perm("enforcement.add_enforcementcase"):
        add_url = reverse("enforcement:enforcementcase_add") + f"?enterprise={enterprise.pk}"
    return {
        "cases": [(c, publication_badge(c)) for c in cases],
        "fined": fined,
        "repeat_offender": rules.repeat_offender(enterprise.pk),
        "list_url": reverse("enforcement:enforcementcase_list") + f"?enterprise={enterprise.pk}",
        "add_url": add_url,
    }


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Enforcement cases"),
        "enforcement/panels/cases.html",
        cases_panel,
        order=170,
        permission="enforcement.view_enforcementcase",
    )
