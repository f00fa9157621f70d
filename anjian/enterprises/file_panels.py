"""The panels this app contributes to the enterprise file: basic information, grade timeline,
park and agreements, tenants (厂中厂)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.enterprises import panels, rules, services

BASIC_FIELDS = [
    "name",
    "uscc",
    "address",
    "region",
    "grid",
    "industry",
    "status",
    "principal_name",
    "principal_title",
    "principal_phone",
    "principal_person",
    "safety_officer_name",
    "safety_officer_title",
    "safety_officer_phone",
    "employee_count",
    "sector",
    "supervising_department",
    "park",
    "landlord",
    "landlord_organization",
    "service_agency",
    "notes",
]


def basic_info(enterprise, request):
    rows = []
    for name in BASIC_FIELDS:
        model_field = type(enterprise)._meta.get_field(name)
        value = getattr(enterprise, name)
        if model_field.choices:
            value = getattr(enterprise, f"get_{name}_display")()
        rows.append((model_field.verbose_name, value))
    return {"rows": rows}


def grade_timeline(enterprise, request):
    today = timezone.localdate()
    intervals = services.grade_intervals()
    due = services.next_inspection_due(enterprise, intervals=intervals, today=today)
    return {
        # Latest first by the day each grade took effect, not by when the row was written.
        "entries": list(
            services.grade_history(enterprise)
            .select_related("actor")
            .order_by("-effective_on", "-at", "-id")
        ),
        "effective_on": enterprise.grade_effective_on,
        "interval": intervals.get(enterprise.risk_grade),
        "next_due": due,
        "due_status": rules.inspection_due_status(due, today),
    }


def park_and_agreements(enterprise, request):
    from anjian.enterprises.models import SafetyAgreement

    agreements = (
        SafetyAgreement.objects.restrict(request.user, "view")
        .filter(Q(tenant=enterprise) | Q(landlord=enterprise))
        .select_related("landlord", "landlord_organization", "tenant", "park")
    )
    return {
        "park": enterprise.park,
        "agreements": list(agreements),
        "today": timezone.localdate(),
        "lacks_agreement": services.tenants_without_valid_agreement(
            type(enterprise).objects.filter(pk=enterprise.pk)
        ).exists(),
    }


def tenants(enterprise, request):
    from anjian.enterprises.models import Enterprise

    rows = (
        Enterprise.objects.restrict(request.user, "view")
        .filter(Q(landlord=enterprise) | Q(park__operator_enterprise=enterprise))
        .exclude(pk=enterprise.pk)
    )
    gaps = set(services.tenants_without_valid_agreement(rows).values_list("pk", flat=True))
    rows = list(rows.select_related("region"))
    if not rows:
        return None
    return {"tenants": [(t, t.pk not in gaps) for t in rows]}


def register_all():
    panels.register(_("Basic information"), "enterprises/panels/basic.html", basic_info, order=10)
    panels.register(_("Risk grade"), "enterprises/panels/grade.html", grade_timeline, order=20)
    panels.register(
        _("Park and safety agreements"),
        "enterprises/panels/park.html",
        park_and_agreements,
        order=30,
    )
    panels.register(
        _("Tenants on its premises"), "enterprises/panels/tenants.html", tenants, order=40
    )
