"""The gate before work starts: the seven prohibitions (七不准), each one rule function with its
evidence and reasons, loaded in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.permits.choices import GATE_DUTIES, ConditionCode, PermitDuty, PermitStatus
from anjian.permits.rules._common import _as_moment, _day
from anjian.permits.rules.gas import test_counts


# --- the gate: the seven prohibitions --------------------------------------------------------------
@dataclass
class Condition:
    """One of the seven prohibitions as it stands: ``ok`` with its ``evidence``, or the
    ``reasons`` it fails."""

    code: str
    label: str
    ok: bool
    reasons: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": str(self.label),
            "ok": self.ok,
            "reasons": [str(r) for r in self.reasons],
            "evidence": [str(e) for e in self.evidence],
        }


def _condition(code, reasons, evidence) -> Condition:
    return Condition(
        code=code,
        label=str(dict(ConditionCode.choices)[code]),
        ok=not reasons,
        reasons=[str(r) for r in reasons],
        evidence=[str(e) for e in evidence],
    )


@dataclass
class GateData:
    """What the gate reads, loaded in a fixed number of queries whatever the number of people."""

    permit: object
    now: datetime.datetime
    people: list
    equipment: list
    latest_test: object
    certificates: dict
    special: dict


def load_gate(permit, on=None) -> GateData:
    """Load everything the seven conditions need: 7 queries, however many people (tested)."""
    from anjian.permits.models import GasTest, Permit
    from anjian.training.choices import KIND_DEFAULT_DUTIES
    from anjian.training.models import Certificate, SpecialCertificate, TrainingValidity

    now = _as_moment(on)
    fresh = Permit._base_manager.select_related(
        "space", "enterprise", "approver", "delegation"
    ).get(pk=permit.pk)
    people = list(fresh.people.select_related("person").order_by("duty", "person__name", "id"))
    ids = {row.person_id for row in people}
    validities = {v.kind: v for v in TrainingValidity._base_manager.all()}
    certificates: dict[int, list] = {i: [] for i in ids}
    for certificate in Certificate._base_manager.filter(person_id__in=ids, voided_on__isnull=True):
        rule = validities.get(certificate.kind)
        if rule is None:  # the kind's defaults, as TrainingValidity.for_kind gives them
            rule = TrainingValidity(
                kind=certificate.kind,
                qualifies_for=list(KIND_DEFAULT_DUTIES.get(certificate.kind, [])),
            )
        certificate._kind_rule = rule
        certificates[certificate.person_id].append(certificate)
    special: dict[int, list] = {i: [] for i in ids}
    for certificate in SpecialCertificate._base_manager.filter(person_id__in=ids):
        special[certificate.person_id].append(certificate)
    equipment = list(fresh.protective_equipment.all())
    test = (
        GasTest._base_manager.filter(permit=fresh)
        .select_related("detector")
        .order_by("-tested_at", "-id")
        .first()
    )
    return GateData(fresh, now, people, equipment, test, certificates, special)


def condition_hazards(data: GateData) -> Condition:
    permit = data.permit
    text = (permit.hazards or "").strip()
    if not text:
        return _condition(ConditionCode.HAZARDS, [_("No hazards have been identified.")], [])
    evidence = [_("Hazards identified: %(text)s") % {"text": text[:200]}]
    if permit.space.hazard_factors:
        evidence.append(
            _("The space's ledger names: %(text)s") % {"text": permit.space.hazard_factors[:200]}
        )
    return _condition(ConditionCode.HAZARDS, [], evidence)


def condition_ventilation(data: GateData) -> Condition:
    permit = data.permit
    reasons, evidence = [], []
    if permit.ventilated:
        evidence.append(_("Ventilation confirmed: %(how)s") % {"how": permit.ventilation or "—"})
    else:
        reasons.append(_("Ventilation has not been confirmed."))
    after = permit.suspended_at if permit.status == PermitStatus.SUSPENDED else None
    reasons.extend(test_counts(data.latest_test, data.now, after=after))
    test = data.latest_test
    if test is not None:
        evidence.append(
            _("Gas test %(when)s by %(detector)s: %(result)s")
            % {
                "when": timezone.localtime(test.tested_at).strftime("%Y-%m-%d %H:%M:%S"),
                "detector": test.detector,
                "result": test.result_label,
            }
        )
    return _condition(ConditionCode.VENTILATION, reasons, evidence)


def condition_protective_equipment(data: GateData) -> Condition:
    permit = data.permit
    day = _day(data.now)
    reasons, evidence = [], []
    if not data.equipment:
        reasons.append(_("No protective equipment has been chosen."))
    for item in data.equipment:
        if item.in_date(day):
            evidence.append(_("%(item)s in date") % {"item": item})
        else:
            reasons.append(
                _("%(item)s is not in date or not in service on %(day)s.")
                % {"item": item, "day": day.isoformat()}
            )
    if not permit.protective_equipment_confirmed:
        reasons.append(_("The protective equipment has not been checked on site."))
    return _condition(ConditionCode.PROTECTIVE_EQUIPMENT, reasons, evidence)


def condition_attendant(data: GateData) -> Condition:
    attendants = [row.person for row in data.people if row.duty == PermitDuty.ATTENDANT]
    if not attendants:
        return _condition(ConditionCode.ATTENDANT, [_("No attendant is named.")], [])
    return _condition(
        ConditionCode.ATTENDANT,
        [],
        [_("Attendant: %(names)s") % {"names": "、".join(p.name for p in attendants)}],
    )


def condition_electrical(data: GateData) -> Condition:
    permit = data.permit
    reasons, evidence = [], []
    if permit.electrical_compliant:
        evidence.append(
            _("Electrical equipment confirmed compliant: %(note)s")
            % {"note": permit.electrical_note or "—"}
        )
    else:
        reasons.append(_("The electrical equipment has not been confirmed compliant."))
    if permit.space.explosion_risk:
        if permit.explosion_proof_measures.strip():
            evidence.append(
                _("Explosion-proof equipment: %(text)s") % {"text": permit.explosion_proof_measures}
            )
        else:
            reasons.append(
                _("The space has an explosion risk and no explosion-proof equipment is named.")
            )
    return _condition(ConditionCode.ELECTRICAL, reasons, evidence)


def condition_approval(data: GateData) -> Condition:
    permit = data.permit
    approved = permit.approved_at is not None and permit.approver_id is not None
    if not approved or permit.status not in (
        PermitStatus.APPROVED,
        PermitStatus.IN_PROGRESS,
        PermitStatus.SUSPENDED,
    ):
        return _condition(ConditionCode.APPROVAL, [_("The work has not been approved.")], [])
    evidence = _("Approved by %(person)s at %(when)s") % {
        "person": permit.approver.name,
        "when": timezone.localtime(permit.approved_at).strftime("%Y-%m-%d %H:%M"),
    }
    if permit.delegation_id:
        evidence += _(" under the delegation valid until %(date)s") % {
            "date": permit.delegation.valid_until.isoformat()
        }
    return _condition(ConditionCode.APPROVAL, [], [evidence])


def condition_training(data: GateData) -> Condition:
    from anjian.training.rules import valid_certificate, valid_special_certificate

    day = _day(data.now)
    reasons, evidence = [], []
    duties = {row.duty for row in data.people}
    if PermitDuty.LEADER not in duties:
        reasons.append(_("No work leader is named."))
    if PermitDuty.ENTRANT not in duties:
        reasons.append(_("No entrant is named."))
    labels = dict(PermitDuty.choices)
    for row in data.people:
        person = row.person
        training_duty = GATE_DUTIES.get(row.duty)
        if training_duty is not None:
            ok, why = valid_certificate(
                person, training_duty, day, certificates=data.certificates.get(person.pk, [])
            )
            line = f"{person.name}（{labels[row.duty]}）: {why}"
            (evidence if ok else reasons).append(line)
        if row.special_category:
            ok, why = valid_special_certificate(
                person,
                row.special_category,
                row.special_operation or None,
                day,
                held=data.special.get(person.pk, []),
            )
            (evidence if ok else reasons).append(f"{person.name}: {why}")
    return _condition(ConditionCode.TRAINING, reasons, evidence)


CONDITIONS = (
    condition_hazards,
    condition_ventilation,
    condition_protective_equipment,
    condition_attendant,
    condition_electrical,
    condition_approval,
    condition_training,
)


def readiness(permit, on=None) -> list[Condition]:
    """The seven prohibitions for ``permit`` at ``on`` (default now), in order, each with its
    evidence and reasons; used by ``start``, the permit page and the API ``readiness`` action."""
    data = load_gate(permit, on)
    return [condition(data) for condition in CONDITIONS]


def readiness_refusals(permit, on=None) -> list[str]:
    return [reason for c in readiness(permit, on) for reason in c.reasons]


def guard_readiness(permit, actor, context):
    return readiness_refusals(permit, context.get("now")) or None
