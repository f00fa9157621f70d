"""The verbs of hazards; pages, the API, Excel, the demo and later apps (inspections) call these.

For the inspections app: ``report_hazard(enterprise, *, actor, description, source, …)`` records a
hazard in one step (a failed checklist item → ``source=HazardSource.INSPECTION`` with the item's
``legal_basis`` and any ``criteria`` ticked); the inspection item keeps a foreign key to the hazard
it returns. Every move of the closed loop is ``transition(hazard, name, actor=…, reason=…)``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.workflow import TransitionRefused, perform
from anjian.hazards import rules
from anjian.hazards.choices import (
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardStatus,
    PhotoStage,
)


# --- reporting -----------------------------------------------------------------------------------
def report_hazard(
    enterprise,
    *,
    actor,
    description: str,
    source: str,
    found_on: datetime.date | None = None,
    category: str | None = None,
    space=None,
    permit=None,
    place: str = "",
    legal_basis: str = "",
    criteria: Iterable = (),
    photos: Iterable = (),
    found_by_name: str = "",
    measures: str = "",
    responsible_name: str = "",
    deadline: datetime.date | None = None,
    request=None,
):
    """Record a hazard of ``enterprise`` found by ``actor`` (a user, or None for the system) and
    return it, status "reported".

    ``source`` is a ``HazardSource`` value; ``category`` defaults to confined space when ``space``
    is given, else "other". ``criteria`` are ``MajorHazardCriterion`` rows (or their codes): any
    active one makes the hazard major and raises the enterprise's grade once
    (``enterprises.services.escalate_grade``). ``photos`` are uploaded files (or ``(file,
    caption)`` pairs) stored as evidence. ``found_by_name`` defaults to the actor's name. The
    rectification plan (``measures``, ``responsible_name``, ``deadline``) may be given now or
    later. A self-check by an enterprise's own user counts as self-reporting. Raises
    ``ValidationError`` (field errors) on bad input; nothing is written then.
    """
    from anjian.hazards.models import Hazard

    hazard = Hazard(
        enterprise=enterprise,
        description=(description or "").strip(),
        source=source,
        found_on=found_on or timezone.localdate(),
        category=category
        or (HazardCategory.CONFINED_SPACE if space is not None else HazardCategory.OTHER),
        space=space,
        permit=permit,
        place=place,
        legal_basis=legal_basis,
        found_by=actor if getattr(actor, "pk", None) else None,
        found_by_name=found_by_name or _actor_name(actor),
        self_reported=rules.is_self_report(source, actor),
        measures=measures,
        responsible_name=responsible_name,
        deadline=deadline,
    )
    with transaction.atomic():
        hazard.full_clean(exclude=["criteria"])
        hazard.save()
        for photo in photos:
            upload, caption = photo if isinstance(photo, tuple) else (photo, "")
            add_photo(hazard, upload, actor=actor, stage=PhotoStage.EVIDENCE, caption=caption)
        set_criteria(hazard, criteria, actor=actor, request=request)
        audit.record(
            "hazards.hazard.reported",
            actor=actor,
            obj=hazard,
            request=request,
            detail={"number": hazard.number, "source": source, "level": hazard.level},
        )
    return hazard


def _actor_name(actor) -> str:
    if actor is None:
        return ""
    return (getattr(actor, "full_name", "") or actor.get_username())[:100]


def _refuse_if_closed(*hazards, reason) -> None:
    """The rule of a hazard's photos: once the hazard is closed they are its record as closed —
    none added, changed, moved in or out, or removed. The status is read afresh (a page or
    request may hold the hazard from before someone closed it)."""
    from anjian.hazards.models import Hazard

    pks = {hazard.pk for hazard in hazards}
    if Hazard._base_manager.filter(pk__in=pks, status=HazardStatus.CLOSED).exists():
        raise TransitionRefused([reason])


def add_photo(hazard, upload, *, actor, stage=PhotoStage.EVIDENCE, caption: str = ""):
    """Store a photo of ``hazard`` (validated: kind by content, size) uploaded by ``actor``.

    A closed hazard takes no more photos (raises ``TransitionRefused``; nothing is written).
    Pages and the API both come here."""
    from anjian.hazards.models import HazardPhoto

    _refuse_if_closed(hazard, reason=_("A closed hazard takes no more photos."))
    photo = HazardPhoto(
        hazard=hazard,
        file=upload,
        stage=stage,
        caption=caption,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    photo.full_clean()
    photo.save()
    return photo


def change_photo(photo, *, actor, **changes):
    """Change a photo's ``stage``, ``caption``, ``file`` or ``hazard`` (the API's PUT/PATCH).
    The photos of a closed hazard do not change, and none moves onto or off a closed hazard
    (raises ``TransitionRefused``; nothing is written)."""
    hazards = [photo.hazard] + ([changes["hazard"]] if changes.get("hazard") else [])
    _refuse_if_closed(*hazards, reason=_("The photos of a closed hazard no longer change."))
    for name, value in changes.items():
        setattr(photo, name, value)
    photo._history_user = actor if getattr(actor, "pk", None) else None
    photo.full_clean()
    photo.save()
    return photo


def remove_photo(photo, *, actor) -> None:
    """Delete a photo (the API's DELETE), except a photo of a closed hazard."""
    _refuse_if_closed(photo.hazard, reason=_("The photos of a closed hazard no longer change."))
    photo._history_user = actor if getattr(actor, "pk", None) else None
    photo.delete()


def set_criteria(hazard, criteria: Iterable, *, actor, request=None):
    """Set the major-hazard criteria the hazard meets and its level from them; a hazard that
    becomes major (at report or later) raises the enterprise's grade, once per hazard."""
    from anjian.hazards.models import Hazard, MajorHazardCriterion

    rows = []
    for item in criteria:
        if isinstance(item, MajorHazardCriterion):
            rows.append(item)
        else:
            rows.append(MajorHazardCriterion._base_manager.get(code=item))
    hazard.criteria.set(rows)
    level = HazardLevel.MAJOR if any(row.active for row in rows) else HazardLevel.GENERAL
    if level != hazard.level:
        if (
            hazard.status == HazardStatus.SUBMITTED
            and hazard.verifications.filter(round=hazard.verification_round).exists()
        ):
            # The tiers change with the level: the sign-offs of this round start again.
            Hazard._base_manager.filter(pk=hazard.pk).update(
                verification_round=hazard.verification_round + 1
            )
            hazard.verification_round += 1
        Hazard._base_manager.filter(pk=hazard.pk).update(level=level)
        hazard.level = level
    if level == HazardLevel.MAJOR and hazard.escalated_at is None:
        escalate_for(hazard, actor=actor, request=request)
    return hazard


def escalate_for(hazard, *, actor, request=None):
    """Raise the enterprise's grade for a major hazard (``escalate_grade``), once per hazard.

    The escalation is the rule's consequence, not the reporter's decision: it is recorded with the
    reporter as actor when they may set grades, else as a system move whose reason names them."""
    from anjian.enterprises.models import GRADE_PERMISSION, Enterprise
    from anjian.enterprises.services import escalate_grade
    from anjian.hazards.models import Hazard

    marked = Hazard._base_manager.filter(pk=hazard.pk, escalated_at__isnull=True).update(
        escalated_at=timezone.now()
    )
    if not marked:
        return None  # already escalated for this hazard
    hazard.escalated_at = timezone.now()
    enterprise = Enterprise._base_manager.get(pk=hazard.enterprise_id)
    mover = actor if actor is not None and actor.has_perm(GRADE_PERMISSION) else None
    reason = _("Major hazard %(number)s (%(by)s)") % {
        "number": hazard.number,
        "by": _actor_name(actor) or _("system"),
    }
    return escalate_grade(enterprise, reason=reason, source=hazard, actor=mover, request=request)


# --- the closed loop -----------------------------------------------------------------------------
def transition(hazard, name: str, *, actor, reason: str = "", request=None):
    """Every move of the closed loop, as the page, the API and the demo make it. ``verify`` and
    ``close`` record the sign-off of the pending tier (``HazardVerification``), with ``reason``
    as its note; the others are plain workflow moves. Raises TransitionRefused with every reason."""
    if name in ("verify", "close"):
        return sign_off(hazard, actor=actor, note=reason, request=request)
    return perform(hazard, name, actor=actor, reason=reason, request=request)


def sign_off(hazard, *, actor, note: str = "", request=None):
    """Sign the pending verification tier: the last tier closes the hazard, an earlier one keeps it
    submitted for the next. Refuses a signer of the wrong level, with the level needed."""
    from anjian.hazards.models import Hazard, HazardVerification

    with transaction.atomic():
        locked = Hazard._base_manager.select_for_update().get(pk=hazard.pk)
        hazard.verification_round = locked.verification_round
        hazard.level = locked.level
        hazard.status = locked.status
        tier = rules.pending_tier(hazard)
        name = "close" if rules.is_last_tier(hazard, tier) else "verify"
        perform(hazard, name, actor=actor, reason=note, request=request)
        hazard.refresh_from_db()
        HazardVerification.objects.create(
            hazard=hazard,
            region_id=hazard.region_id,
            round=hazard.verification_round,
            tier=tier[2],
            tier_order=tier[0],
            signer_level=tier[1],
            by=actor,
            by_name=_actor_name(actor),
            note=(note or "").strip(),
            closed=name == "close",
        )
    return hazard


def submit_fix(hazard, *, actor, note: str, photos: Iterable = (), request=None):
    """The enterprise submits its fix: what was done and photos after rectification, in one step."""
    from anjian.hazards.models import Hazard

    with transaction.atomic():
        if (note or "").strip():
            Hazard._base_manager.filter(pk=hazard.pk).update(rectification_note=note.strip())
            hazard.rectification_note = note.strip()
        for photo in photos:
            add_photo(hazard, photo, actor=actor, stage=PhotoStage.RECTIFICATION)
        return perform(hazard, "submit", actor=actor, request=request)


def current_signoffs(hazard) -> list:
    return list(hazard.verifications.filter(round=hazard.verification_round).select_related("by"))


# --- self-reporting ------------------------------------------------------------------------------
def self_report_counts(enterprises, day: datetime.date | None = None):
    """``enterprises`` annotated with ``self_reports``: hazards the enterprise reported itself in
    the quarter holding ``day``; one grouped query."""
    from django.db.models import Count, Q

    start, end = rules.quarter_bounds(day)
    return enterprises.annotate(
        self_reports=Count(
            "hazards",
            filter=Q(
                hazards__self_reported=True,
                hazards__found_on__gte=start,
                hazards__found_on__lte=end,
            ),
        )
    )


def few_self_reports(enterprises, day: datetime.date | None = None, minimum: int | None = None):
    """The focused-inspection list: enterprises that reported fewer than ``minimum`` (default
    ``HAZARD_SELF_REPORT_MIN_PER_QUARTER``) hazards of their own in the quarter."""
    minimum = rules.self_report_minimum() if minimum is None else minimum
    return self_report_counts(enterprises, day).filter(self_reports__lt=minimum)


# --- public reports ------------------------------------------------------------------------------
def receive_public_report(
    *,
    description: str,
    region=None,
    enterprise=None,
    space=None,
    enterprise_name: str = "",
    place: str = "",
    contact: str = "",
    photos: Iterable = (),
    request=None,
):
    """Record a report sent without signing in and return it (its ``tracking_code`` goes back to
    the sender). It goes to the village of the space's or enterprise's region, else to ``region``.
    Refuses (TransitionRefused) a sender over the hourly limit; ValidationError on bad input."""
    from anjian.hazards.models import PublicReport, PublicReportPhoto

    key = rules.client_key(audit.client_ip(request))
    refusal = rules.throttle_refusal(key)
    if refusal:
        audit.record("hazards.publicreport.throttled", request=request, detail={})
        raise TransitionRefused([refusal])
    if space is not None:
        enterprise = space.enterprise
    target = enterprise.region if enterprise is not None else region
    if target is None:
        raise TransitionRefused([_("Choose the area the hazard is in.")])
    report = PublicReport(
        region=rules.village_of(target),
        enterprise=enterprise,
        space=space,
        enterprise_name=enterprise_name or (enterprise.name if enterprise else ""),
        place=place,
        description=(description or "").strip(),
        contact=contact,
        client_key=key,
    )
    with transaction.atomic():
        report.full_clean()
        report.save()
        for upload in photos:
            photo = PublicReportPhoto(report=report, file=upload)
            photo.full_clean(exclude=["region"])
            photo.save()
        audit.record(
            "hazards.publicreport.received",
            obj=report,
            request=request,
            detail={"tracking_code": report.tracking_code},
        )
    return report


def accept_public_report(
    report, *, actor, enterprise=None, description: str = "", category=None, request=None
):
    """A village worker verifies a public report: it becomes a hazard (source public report) of the
    enterprise named (or chosen now), evidence photos copied; the report points at it."""
    from anjian.hazards.models import PublicReport

    enterprise = enterprise or report.enterprise
    if enterprise is None:
        raise TransitionRefused([_("Choose the enterprise the hazard belongs to.")])
    with transaction.atomic():
        hazard = report_hazard(
            enterprise,
            actor=actor,
            description=description or report.description,
            source=HazardSource.PUBLIC_REPORT,
            category=category,
            space=report.space
            if report.space and report.space.enterprise_id == enterprise.pk
            else None,
            place=report.place,
            found_on=timezone.localtime(report.created_at).date(),
            found_by_name=_("Public report %(code)s") % {"code": report.tracking_code},
            request=request,
        )
        for photo in report.photos.all():
            from anjian.hazards.models import HazardPhoto

            HazardPhoto.objects.create(
                hazard=hazard,
                file=photo.file.name,
                stage=PhotoStage.EVIDENCE,
                caption=_("Sent with the public report"),
                uploaded_by=None,
            )
        perform(report, "accept", actor=actor, request=request)
        PublicReport._base_manager.filter(pk=report.pk).update(
            hazard=hazard, handled_by=actor, handled_at=timezone.now(), enterprise=enterprise
        )
        report.refresh_from_db()
    return hazard


def dismiss_public_report(report, *, actor, reason: str, request=None):
    from anjian.hazards.models import PublicReport

    with transaction.atomic():
        perform(report, "dismiss", actor=actor, reason=reason, request=request)
        PublicReport._base_manager.filter(pk=report.pk).update(
            handled_by=actor, handled_at=timezone.now()
        )
        report.refresh_from_db()
    return report


def public_report_transition(report, name, *, actor, reason="", request=None):
    if name == "accept":
        return accept_public_report(report, actor=actor, request=request)
    if name == "dismiss":
        return dismiss_public_report(report, actor=actor, reason=reason, request=request)
    return perform(report, name, actor=actor, reason=reason, request=request)


# --- tenants without a safety agreement ----------------------------------------------------------
def flag_missing_agreements(enterprises, *, actor, today=None, request=None) -> list:
    """One open management hazard per tenant in ``enterprises`` without a valid safety agreement
    with its landlord (regulations.md: an Art. 3 management item), idempotent: a tenant that
    already has an open one gets no second. The hazard sits on the landlord enterprise; when the
    landlord is an organisation (a village committee, a park operator — not supervised as an
    enterprise), it sits on the tenant, naming the organisation. Returns the hazards created."""
    from anjian.accounts.models import Organization
    from anjian.enterprises.models import Enterprise
    from anjian.enterprises.services import tenants_without_valid_agreement
    from anjian.hazards.models import Hazard

    rows = list(
        tenants_without_valid_agreement(enterprises, today=today).values(
            "pk", "name", "lessor_enterprise", "lessor_organization"
        )
    )
    if not rows:
        return []
    open_keys = set(
        Hazard._base_manager.filter(agreement_tenant_id__in=[r["pk"] for r in rows])
        .exclude(status=HazardStatus.CLOSED)
        .values_list("enterprise_id", "agreement_tenant_id")
    )
    landlords = Enterprise._base_manager.in_bulk(
        [r["lessor_enterprise"] for r in rows if r["lessor_enterprise"]]
    )
    organisations = Organization._base_manager.in_bulk(
        [r["lessor_organization"] for r in rows if r["lessor_organization"]]
    )
    tenants = Enterprise._base_manager.in_bulk([r["pk"] for r in rows])
    created = []
    for row in rows:
        tenant = tenants[row["pk"]]
        landlord = landlords.get(row["lessor_enterprise"])
        if landlord is not None:
            holder = landlord
            description = _(
                "Tenant %(tenant)s holds no valid safety agreement with its landlord %(landlord)s."
            ) % {"tenant": tenant.name, "landlord": landlord.name}
        else:
            holder = tenant
            organisation = organisations.get(row["lessor_organization"])
            description = _(
                "%(tenant)s holds no valid safety agreement with its landlord %(landlord)s "
                "(an organisation)."
            ) % {"tenant": tenant.name, "landlord": organisation.name if organisation else "—"}
        if (holder.pk, tenant.pk) in open_keys:
            continue
        with transaction.atomic():
            hazard = report_hazard(
                holder,
                actor=actor,
                description=description,
                source=HazardSource.AGREEMENT_CHECK,
                category=HazardCategory.MANAGEMENT,
                legal_basis=_(
                    "工贸企业重大事故隐患判定标准 Art. 3; 安全生产法 Art. 49 (safety agreements with "
                    "tenants and contractors)"
                ),
                request=request,
            )
            Hazard._base_manager.filter(pk=hazard.pk).update(agreement_tenant=tenant)
            hazard.agreement_tenant = tenant
        open_keys.add((holder.pk, tenant.pk))
        created.append(hazard)
    return created
