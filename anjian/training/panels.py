"""The panels this app adds to the enterprise file (一企一档): people, certificates, drills."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 50


def people_panel(enterprise, request):
    from anjian.training.models import Person

    rows = Person.objects.restrict(request.user, "view").filter(employer=enterprise)
    return {"people": list(rows[:PANEL_ROWS]), "total": rows.count()}


def certificates_panel(enterprise, request):
    from anjian.training.models import Certificate

    today = timezone.localdate()
    rows = (
        Certificate.objects.restrict(request.user, "view")
        .filter(person__employer=enterprise)
        .select_related("person")
        .order_by("expires_on", "id")
    )
    certificates = list(rows[:PANEL_ROWS])
    return {
        "certificates": [(c, c.state(today)) for c in certificates],
        "total": rows.count(),
    }


def special_certificates_panel(enterprise, request):
    from anjian.training.models import SpecialCertificate

    today = timezone.localdate()
    rows = (
        SpecialCertificate.objects.restrict(request.user, "view")
        .filter(person__employer=enterprise)
        .select_related("person")
        .order_by("expires_on", "id")
    )
    certificates = list(rows[:PANEL_ROWS])
    return {
        "special_certificates": [(c, c.state(today)) for c in certificates],
        "total": rows.count(),
    }


def drills_panel(enterprise, request):
    from anjian.training.models import Drill

    rows = Drill.objects.restrict(request.user, "view").filter(enterprise=enterprise)
    return {"drills": list(rows[:PANEL_ROWS]), "total": rows.count()}


def register_all():
    from anjian.enterprises import panels

    panels.register(
        _("Trained people"),
        "training/panels/people.html",
        people_panel,
        order=300,
        permission="training.view_person",
    )
    panels.register(
        _("Training certificates"),
        "training/panels/certificates.html",
        certificates_panel,
        order=310,
        permission="training.view_certificate",
    )
    panels.register(
        _("Special operation certificates"),
        "training/panels/special_certificates.html",
        special_certificates_panel,
        order=315,
        permission="training.view_specialcertificate",
    )
    panels.register(
        _("Emergency drills"),
        "training/panels/drills.html",
        drills_panel,
        order=320,
        permission="training.view_drill",
    )
