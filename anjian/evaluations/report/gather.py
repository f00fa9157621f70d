"""``gather(evaluation, *, user, public=False)``: the report's facts read from the records.

Nothing is typed for the report: the accident and its investigation, the accountability items with
their criminal steps and enforcement cases, the recommendations with their assignments and
progress, the working group's verdicts, the findings handed over, the spot checks (inspections of
similar enterprises) with what failed, the work suggestions and the conclusion.

The public version (``public=True``) masks what the ``DisclosurePolicy`` says — the names of
enterprise staff (the persons of the criminal and administrative-penalty tracks) and of public
officials (the persons of the discipline tracks, and the experts), political status, positions —
everywhere the name appears, also inside free text; and ID and phone numbers are scrubbed from
every text whatever the policy says.
"""

from __future__ import annotations

import dataclasses
import re

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.evaluations import rules

from . import facts as F
from .text import listing

STAFF_TRACKS = (F.CRIMINAL, F.ADMINISTRATIVE_PENALTY)
NUMBERED = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*")


def _label(choices, value) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return str(value)


def split_suggestions(text: str) -> list[str]:
    """The work suggestions, one per item: a line opening with （一）… starts an item (its number
    dropped, the layout numbers them again); without such numbers a blank line separates them."""
    text = (text or "").strip()
    if not text:
        return []
    lines = text.splitlines()
    if any(NUMBERED.match(line) for line in lines):
        parts: list[list[str]] = []
        for line in lines:
            if NUMBERED.match(line) or not parts:
                parts.append([NUMBERED.sub("", line).strip()])
            elif line.strip():
                parts[-1].append(line.strip())
        return ["\n".join(part) for part in parts if any(part)]
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def _followers(checks) -> dict[int, str]:
    """Spot check → who follows its problems up: the organisations of the inspectors who made it,
    else of the users who recorded its hazards."""
    from anjian.hazards.models import Hazard

    hazard_ids = {
        item.hazard_id
        for check in checks
        for item in check.inspection.report_items
        if item.hazard_id
    }
    finders = {
        hazard.pk: hazard.found_by.organization
        for hazard in Hazard._base_manager.filter(pk__in=hazard_ids).select_related(
            "found_by__organization"
        )
        if hazard.found_by_id and hazard.found_by.organization_id
    }
    out = {}
    for check in checks:
        orgs = [u.organization for u in check.inspection.report_inspectors if u.organization_id]
        if not orgs:
            orgs = [
                finders[item.hazard_id]
                for item in check.inspection.report_items
                if item.hazard_id in finders
            ]
        names = list(dict.fromkeys(org.name for org in orgs))
        out[check.pk] = listing(names)
    return out


def gather(evaluation, *, user=None, public: bool = False) -> F.ReportFacts:
    from anjian.accidents.choices import (
        AccidentKind,
        AccidentLevel,
        CriminalStepKind,
        PoliticalStatus,
        SubjectKind,
    )
    from anjian.accidents.models import AccountabilityItem, Recommendation
    from anjian.accounts.models import User
    from anjian.evaluations.choices import Method, Verdict
    from anjian.inspections.choices import InspectionKind, ItemResult
    from anjian.inspections.models import InspectionItem

    accident = evaluation.accident
    investigation = getattr(accident, "investigation", None)
    region_name = accident.investigating_region.name if accident.investigating_region_id else ""
    government = (
        _("%(region)s People's Government") % {"region": region_name} if region_name else ""
    )

    item_verdicts = {v.item_id: v for v in evaluation.item_verdicts.all()}
    rec_verdicts = {v.recommendation_id: v for v in evaluation.recommendation_verdicts.all()}

    items = []
    for item in (
        AccountabilityItem.objects.filter(accident=accident)
        .select_related("organization", "executing_organization", "enforcement_case")
        .prefetch_related("criminal_steps")
        .order_by("order", "id")
    ):
        verdict = item_verdicts.get(item.pk)
        is_person = item.subject_kind == SubjectKind.PERSON
        amount = item.penalty_amount
        # Carried out (已履行) only as the enforcement case records it: its fulfilment.
        paid = bool(item.fulfilled_on) if item.enforcement_case_id else None
        items.append(
            F.ItemFacts(
                track=item.track,
                subject=item.subject_name,
                is_person=is_person,
                political_status=_label(PoliticalStatus, item.political_status),
                position=item.position,
                organization=item.person_organization if is_person else "",
                recommended_action=item.recommended_action,
                executing_body=item.executor_name,
                legal_basis=item.legal_basis,
                outcome=item.outcome,
                outcome_on=item.outcome_on,
                document_number=item.document_number,
                amount=amount,
                paid=paid,
                done=item.status == "done",
                steps=[
                    F.StepFacts(
                        step=_label(CriminalStepKind, step.step),
                        on=step.on,
                        kind=step.step,
                        measure=step.measure,
                        document_number=step.document_number,
                        body=step.body or item.executor_name,
                    )
                    for step in sorted(item.criminal_steps.all(), key=lambda s: (s.on, s.pk))
                ],
                verdict=_label(Verdict, verdict.verdict) if verdict else "",
                comment=verdict.comment if verdict else "",
            )
        )

    recommendations = []
    for rec in (
        Recommendation.objects.filter(accident=accident)
        .prefetch_related(
            "assignments__organization", "assignments__enterprise", "assignments__progress"
        )
        .order_by("number", "id")
    ):
        assigned, progress = [], []
        for assignment in rec.assignments.all():
            who = str(assignment.assignee or "")
            assigned.append(who)
            for step in sorted(assignment.progress.all(), key=lambda p: (p.reported_on, p.pk)):
                progress.append(
                    F.ProgressFacts(by=who, text=step.text, reported_on=step.reported_on)
                )
        verdict = rec_verdicts.get(rec.pk)
        recommendations.append(
            F.RecommendationFacts(
                number=rec.number,
                text=rec.text,
                assigned_to=assigned,
                progress=progress,
                verdict=_label(Verdict, verdict.verdict) if verdict else "",
                comment=verdict.comment if verdict else "",
            )
        )

    checks = list(
        evaluation.spot_checks.select_related("inspection__enterprise").prefetch_related(
            Prefetch(
                "inspection__items",
                queryset=InspectionItem.objects.select_related("checklist_item"),
                to_attr="report_items",
            ),
            Prefetch(
                "inspection__inspectors",
                queryset=User.objects.select_related("organization"),
                to_attr="report_inspectors",
            ),
        )
    )
    # A problem a spot check found is told with that check (四（二）), not again among the
    # findings handed over (四（一）).
    checked = {
        item.hazard_id
        for check in checks
        for item in check.inspection.report_items
        if item.hazard_id
    }
    findings = [
        F.FindingFacts(
            problem=finding.problem,
            handed_to=str(finding.handed_to or ""),
            deadline=finding.deadline,
            status=_("Rectification closed")
            if finding.status == "closed"
            else _("Rectification not yet closed"),
        )
        for finding in evaluation.findings.select_related(
            "handed_to_organization", "handed_to_enterprise", "hazard"
        )
        if not (finding.hazard_id and finding.hazard_id in checked)
    ]
    followers = _followers(checks)

    spot_checks = []
    for check in checks:
        inspection = check.inspection
        problems = [
            item.note or item.checklist_item.text
            for item in sorted(inspection.report_items, key=lambda i: (i.order, i.pk))
            if item.result == ItemResult.NOT_OK
        ] or [line.strip() for line in (inspection.findings or "").splitlines() if line.strip()]
        # (the inspection's own summary only when no item failed: it sums up the same problems)
        spot_checks.append(
            F.SpotCheckFacts(
                enterprise=inspection.enterprise.name,
                address=inspection.enterprise.address,
                on=inspection.inspected_on or inspection.planned_on,
                findings=problems,
                followed_by=followers.get(check.pk, ""),
                unannounced=inspection.kind == InspectionKind.UNANNOUNCED,
            )
        )

    methods = []
    for method in evaluation.methods or []:
        code, note = (
            (method.get("code"), method.get("text", ""))
            if isinstance(method, dict)
            else (method, "")
        )
        label = _label(Method, code) if code else ""
        methods.append(
            _("%(method)s (%(note)s)") % {"method": label, "note": note}
            if label and note
            else label or note
        )

    suggestions = split_suggestions(evaluation.work_suggestions)
    report_facts = F.ReportFacts(
        accident=F.AccidentFacts(
            name=accident.name,
            occurred_at=timezone.localtime(accident.occurred_at),
            place=accident.place,
            enterprise=accident.enterprise.name if accident.enterprise_id else "",
            kind=_label(AccidentKind, accident.kind),
            level=_label(AccidentLevel, accident.level),
            deaths=accident.deaths,
            serious_injuries=accident.serious_injuries,
            injuries=accident.injuries,
            direct_loss=accident.direct_loss,
            summary=accident.summary,
        ),
        investigation=F.InvestigationFacts(
            government=government,
            report_title=_("%(accident)s investigation report") % {"accident": accident.name},
            team=[org.name for org in investigation.team.all()] if investigation else [],
            approved_by=investigation.approved_by if investigation else "",
            approved_on=investigation.approved_on if investigation else None,
            approval_number=investigation.approval_number if investigation else "",
            published_on=investigation.published_on if investigation else None,
            published_url=investigation.published_url if investigation else "",
        ),
        work=F.WorkFacts(
            organizer=evaluation.organizer.name,
            started_on=evaluation.started_on,
            ended_on=evaluation.ended_on,
            members=[org.name for org in evaluation.members.all()],
            experts=[str(expert) for expert in evaluation.experts.all()],
            methods=[m for m in methods if m],
            place=evaluation.places_visited,
        ),
        items=items,
        recommendations=recommendations,
        findings=findings,
        spot_checks=spot_checks,
        suggestions=suggestions,
        conclusion=evaluation.conclusion,
        status=evaluation.get_status_display(),
        approved_on=evaluation.approved_on,
        public=public,
    )
    return make_public(report_facts, rules.masked_fields()) if public else report_facts


def make_public(report: F.ReportFacts, masked: set[str]) -> F.ReportFacts:
    """The public version of ``report``: persons' fields masked per ``masked`` (the policy fields
    masked, ``rules.masked_fields()``), every masked name replaced wherever it appears
    (``rules.mask_name``), ID and phone numbers scrubbed from all text."""
    names: dict[str, str] = {}
    for item in report.items:
        if not item.is_person:
            continue
        staff = item.track in STAFF_TRACKS
        if ("staff_name" if staff else "official_name") in masked and item.subject:
            names[item.subject] = rules.mask_name(item.subject)
        if "political_status" in masked:
            item.political_status = ""
        if ("staff_position" if staff else "position") in masked:
            item.position = ""
    if "expert_name" in masked:
        for expert in report.work.experts:
            names[expert] = rules.mask_name(expert)
    # Longest first, so that a name inside another is not masked halfway.
    ordered = sorted(names.items(), key=lambda pair: -len(pair[0]))

    def clean(value):
        if isinstance(value, str):
            for name, replacement in ordered:
                value = value.replace(name, replacement)
            return F.scrub_public(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                setattr(value, f.name, clean(getattr(value, f.name)))
            return value
        return value

    report = clean(report)
    report.public = True
    return report
