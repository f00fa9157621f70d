import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, status_badge
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)


class PersonTable(BaseTable):
    name = tables.Column(linkify=("training:person_detail", [tables.A("pk")]))
    # Never sortable: the order of full numbers would leak them digit by digit.
    id_number = tables.Column(
        verbose_name=_("ID number"), accessor="masked_id_number", orderable=False
    )
    employer = tables.Column()
    duties = tables.Column(verbose_name=_("duties"), accessor="duty_labels", orderable=False)

    class Meta(BaseTable.Meta):
        model = Person
        fields = ["name", "id_number", "phone", "employer", "contractor_unit", "duties"]


class TrainingSessionTable(BaseTable):
    topic = tables.Column(linkify=("training:trainingsession_detail", [tables.A("pk")]))
    organizer = tables.Column(verbose_name=_("organizer"), accessor="organizer", orderable=False)
    attendee_count = tables.Column(verbose_name=_("attendees"), orderable=False, default=0)

    class Meta(BaseTable.Meta):
        model = TrainingSession
        fields = ["held_on", "topic", "kind", "organizer", "provider", "hours", "attendee_count"]


class AttendanceTable(BaseTable):
    person = tables.Column(linkify=("training:person_detail", [tables.A("person_id")]))
    session = tables.Column(linkify=("training:trainingsession_detail", [tables.A("session_id")]))
    result = tables.Column(verbose_name=_("result"), accessor="result_label", orderable=False)
    detail = tables.LinkColumn(
        "training:attendance_detail",
        args=[tables.A("pk")],
        text=_("Open"),
        orderable=False,
        verbose_name="",
    )

    class Meta(BaseTable.Meta):
        model = Attendance
        fields = ["session", "person", "attended", "score", "result", "detail"]


class CertificateTable(BaseTable):
    number = tables.Column(linkify=("training:certificate_detail", [tables.A("pk")]))
    person = tables.Column(verbose_name=_("holder"))
    duties = tables.Column(
        verbose_name=_("duties covered"), accessor="duty_labels", orderable=False
    )
    state = tables.Column(
        verbose_name=_("validity"), order_by="expires_on", accessor="expires_on", empty_values=()
    )

    class Meta(BaseTable.Meta):
        model = Certificate
        fields = [
            "number",
            "person",
            "kind",
            "duties",
            "issued_on",
            "expires_on",
            "state",
            "issuer",
            "issuer_kind",
        ]

    def render_state(self, record):
        return certificate_state_badge(record.state())

    def value_state(self, record):
        return str(dict(_state_choices()).get(record.state(), ""))


# A certificate's state → (badge colour code, label): training/certificate_state_badge.html.
_STATE_BADGES = {
    "expiring": ("due_soon", _("Expiring soon")),
    "expired": ("expired", _("Expired")),
    "not_yet_valid": ("draft", _("Not yet valid")),
}


def certificate_state_badge(state):
    """``training/certificate_state_badge.html`` without the template engine (a list cell)."""
    value, label = _STATE_BADGES.get(state, ("valid", _("Valid")))
    return status_badge(value, str(label))


def _state_choices():
    from anjian.training.choices import CertificateState

    return CertificateState.choices


class DrillTable(BaseTable):
    scenario = tables.Column(linkify=("training:drill_detail", [tables.A("pk")]))
    organizer = tables.Column(verbose_name=_("organizer"), accessor="organizer", orderable=False)
    evaluated = tables.BooleanColumn(
        verbose_name=_("evaluated"), accessor="evaluated", orderable=False
    )
    place = tables.Column(verbose_name=_("place"), accessor="place", orderable=False)

    class Meta(BaseTable.Meta):
        model = Drill
        fields = ["held_on", "scenario", "organizer", "place", "participant_count", "evaluated"]


class ActivityTable(BaseTable):
    title = tables.Column(linkify=("training:activity_detail", [tables.A("pk")]))
    organizer = tables.Column(verbose_name=_("organizer"), accessor="organizer", orderable=False)

    class Meta(BaseTable.Meta):
        model = Activity
        fields = ["held_on", "kind", "title", "organizer", "participant_count", "materials_count"]


class TrainingValidityTable(BaseTable):
    kind = tables.Column(linkify=("training:trainingvalidity_detail", [tables.A("pk")]))
    qualifies_for = tables.Column(
        verbose_name=_("qualifies for duties"), accessor="duty_labels", orderable=False
    )
    printed_title = tables.Column(
        verbose_name=_("printed title"), accessor="title", orderable=False
    )

    class Meta(BaseTable.Meta):
        model = TrainingValidity
        fields = ["kind", "qualifies_for", "printed_title", "validity_months"]


class SpecialCertificateTable(BaseTable):
    number = tables.Column(linkify=("training:specialcertificate_detail", [tables.A("pk")]))
    state = tables.Column(verbose_name=_("validity"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = SpecialCertificate
        fields = [
            "number",
            "person",
            "category",
            "operation",
            "authority",
            "issued_on",
            "expires_on",
            "last_reviewed_on",
            "state",
        ]

    def render_state(self, record):
        return _special_state_label(record)

    def value_state(self, record):
        return _special_state_label(record)


def _special_state_label(record):
    from anjian.training.choices import SpecialCertificateState

    return str(dict(SpecialCertificateState.choices).get(record.state(), ""))
