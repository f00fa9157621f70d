"""The permit (作业审批/报备) and what belongs to it: its people, the principal's written delegation,
the sub-district's on-site briefing, the attachments of the filing.

A permit carries a copy of its enterprise's region, indexed, so a jurisdiction's list is one prefix
filter on the region path; the rows that belong to a permit reach their place through it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.core.models import PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.core.uploads import DOCUMENT_KINDS, UploadValidator
from anjian.core.workflow import Transition, Workflow
from anjian.permits import rules
from anjian.permits.choices import (
    BriefingTopic,
    ImplementingUnit,
    PermitDuty,
    PermitStatus,
)
from anjian.training.choices import SpecialCategory

S = PermitStatus
PERMIT_SCOPE = Scope(region="permit__region", enterprise="permit__enterprise")


def _now_updates(field):
    return lambda obj, context: {field: timezone.now()}


def _file_updates(permit, context):
    now = context.get("now") or timezone.now()
    return {"filed_at": now, "filed_late": rules.is_late(permit.planned_start, now)}


def _approve_updates(permit, context):
    approver = context.get("approver")
    delegation = context.get("delegation")
    return {
        "approver_id": approver.pk if approver else None,
        "delegation_id": delegation.pk if delegation else None,
        "approved_at": context.get("now") or timezone.now(),
    }


def _complete_updates(permit, context):
    return {
        "completed_at": context.get("now") or timezone.now(),
        "isolation_restored": bool(context.get("isolation_restored")),
    }


def _accept_updates(permit, context):
    leader = context.get("leader")
    actor = context.get("actor")
    return {
        "accepted_at": context.get("now") or timezone.now(),
        "accepted_by_leader_id": leader.pk if leader else None,
        "accepted_by_id": actor.pk if actor is not None and actor.pk else None,
        "acceptance_note": context.get("note", ""),
    }


PERMIT_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "file",
            source=(S.DRAFT,),
            target=S.FILED,
            label=_("File with the sub-district"),
            permission="permits.file_permit",
            guards=(rules.guard_filing,),
            updates=_file_updates,
        ),
        Transition(
            "acknowledge",
            source=(S.FILED,),
            target=S.ACKNOWLEDGED,
            label=_("Acknowledge (briefing given)"),
            permission="permits.acknowledge_permit",
            guards=(rules.guard_briefing,),
            updates=_now_updates("acknowledged_at"),
        ),
        Transition(
            "return",
            source=(S.FILED,),
            target=S.RETURNED,
            label=_("Return the filing"),
            permission="permits.acknowledge_permit",
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "revise",
            source=(S.RETURNED,),
            target=S.DRAFT,
            label=_("Revise"),
            permission="permits.change_permit",
            style="outline-primary",
        ),
        Transition(
            "approve",
            source=(S.ACKNOWLEDGED,),
            target=S.APPROVED,
            label=_("Approve"),
            permission="permits.approve_permit",
            guards=(rules.guard_approval,),
            updates=_approve_updates,
        ),
        Transition(
            "start",
            source=(S.APPROVED,),
            target=S.IN_PROGRESS,
            label=_("Start work"),
            permission="permits.work_permit",
            guards=(rules.guard_readiness,),
            updates=_now_updates("started_at"),
            style="success",
        ),
        Transition(
            "suspend",
            source=(S.IN_PROGRESS,),
            target=S.SUSPENDED,
            label=pgettext_lazy("permit", "Suspend"),
            permission="permits.suspend_permit",
            reason_required=True,
            updates=_now_updates("suspended_at"),
            style="outline-danger",
        ),
        Transition(
            "resume",
            source=(S.SUSPENDED,),
            target=S.IN_PROGRESS,
            label=_("Resume"),
            permission="permits.work_permit",
            guards=(rules.guard_resume,),
            style="success",
        ),
        Transition(
            "complete",
            source=(S.IN_PROGRESS, S.SUSPENDED),
            target=S.COMPLETED,
            label=_("Complete"),
            permission="permits.work_permit",
            guards=(rules.guard_completion,),
            updates=_complete_updates,
        ),
        Transition(
            "accept",
            source=(S.COMPLETED,),
            target=S.ACCEPTED,
            label=_("Accept"),
            permission="permits.accept_permit",
            guards=(rules.guard_acceptance,),
            updates=_accept_updates,
            style="success",
        ),
        Transition(
            "cancel",
            source=(S.DRAFT, S.FILED, S.RETURNED, S.ACKNOWLEDGED, S.APPROVED),
            target=S.CANCELLED,
            label=_("Cancel"),
            permission="permits.cancel_permit",
            reason_required=True,
            style="outline-danger",
        ),
    ],
)


class Permit(PrimaryModel):
    """One piece of confined-space work from plan to acceptance (作业审批/报备, "两表一方案").

    Plan (editable in draft and returned): ``space`` (of the enterprise), ``work_content``,
    ``planned_start``/``planned_end``, the implementing unit (``implementing_unit`` self or
    contractor: a registered ``contractor`` or one named by ``contractor_uscc`` +
    ``contractor_name``, with its ``contractor_agreement`` (a contracting SafetyAgreement) or the
    uploaded ``agreement_document`` for an unregistered one), ``hazards``, the safety measures
    (``ventilation``, ``isolation_points``, ``protective_equipment``, ``communication``,
    ``explosion_proof_measures`` where the space has explosion risk, ``electrical_note``) and the
    rescue readiness (``rescue_plan``, ``rescue_equipment`` on site, ``rescue_team``,
    ``rescue_call``). The people are ``PermitPerson`` rows.

    On site (until completion): ``ventilated``, ``protective_equipment_confirmed``,
    ``electrical_compliant`` — three of the seven conditions of the gate (``rules.readiness``).

    Set by the workflow only: ``number`` (YX-2026-0001), ``filed_at``/``filed_late`` (later than
    ``PERMIT_FILING_LEAD_DAYS`` before the planned start), ``acknowledged_at``, ``approver`` /
    ``approved_at`` / ``delegation``, ``started_at``, ``suspended_at`` (the latest suspension),
    ``completed_at`` with ``isolation_restored``, ``accepted_at`` / ``accepted_by_leader`` /
    ``accepted_by``.
    """

    number = models.CharField(_("permit number"), max_length=20, editable=False, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="permits",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    space = models.ForeignKey(
        "spaces.ConfinedSpace",
        verbose_name=_("confined space"),
        on_delete=models.PROTECT,
        related_name="permits",
    )
    work_content = models.TextField(_("work content"))
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))
    # The implementing unit.
    implementing_unit = models.CharField(
        _("implementing unit"),
        max_length=16,
        choices=ImplementingUnit.choices,
        default=ImplementingUnit.SELF,
    )
    contractor = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("contractor (on file)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits_as_contractor",
    )
    contractor_uscc = models.CharField(
        _("contractor's unified social credit code"),
        max_length=18,
        blank=True,
        help_text=_("For a contractor not on file: its code (check digits verified) and name."),
    )
    contractor_name = models.CharField(_("contractor's name"), max_length=200, blank=True)
    contractor_agreement = models.ForeignKey(
        "enterprises.SafetyAgreement",
        verbose_name=_("contracting safety agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits",
    )
    agreement_document = models.FileField(
        _("safety agreement (scan)"),
        upload_to="permits/agreements/%Y/",
        blank=True,
        max_length=200,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_("For a contractor not on file: the signed safety agreement."),
    )
    # Hazards and safety measures.
    hazards = models.TextField(_("hazards identified"), blank=True)
    ventilation = models.TextField(_("ventilation"), blank=True)
    isolation_points = models.TextField(_("isolation and lock-out points"), blank=True)
    protective_equipment = models.ManyToManyField(
        "spaces.SafetyEquipment",
        verbose_name=_("protective equipment"),
        blank=True,
        related_name="permits_protecting",
    )
    communication = models.CharField(_("communication"), max_length=200, blank=True)
    explosion_proof_measures = models.TextField(
        _("explosion-proof equipment"),
        blank=True,
        help_text=_("Required when the space has an explosion risk."),
    )
    electrical_note = models.TextField(_("electrical equipment"), blank=True)
    # Rescue readiness.
    rescue_plan = models.TextField(_("rescue plan"), blank=True)
    rescue_equipment = models.ManyToManyField(
        "spaces.SafetyEquipment",
        verbose_name=_("rescue equipment on site"),
        blank=True,
        related_name="permits_rescuing",
    )
    rescue_team = models.CharField(_("rescue team"), max_length=200, blank=True)
    rescue_call = models.CharField(_("how the rescue team is called"), max_length=200, blank=True)
    # On-site confirmations (conditions of the gate).
    ventilated = models.BooleanField(_("ventilated"), default=False)
    protective_equipment_confirmed = models.BooleanField(
        _("protective equipment checked on site"), default=False
    )
    electrical_compliant = models.BooleanField(_("electrical equipment compliant"), default=False)
    # Set by the workflow.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PermitStatus.choices,
        default=PermitStatus.DRAFT,
        editable=False,
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True, editable=False)
    filed_late = models.BooleanField(_("filed late"), default=False, editable=False)
    acknowledged_at = models.DateTimeField(
        _("acknowledged at"), null=True, blank=True, editable=False
    )
    approver = models.ForeignKey(
        "training.Person",
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits_approved",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    delegation = models.ForeignKey(
        "permits.Delegation",
        verbose_name=_("under delegation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits",
        editable=False,
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, editable=False)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)
    isolation_restored = models.BooleanField(_("isolation restored"), default=False, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by_leader = models.ForeignKey(
        "training.Person",
        verbose_name=_("accepted by the work leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits_accepted",
        editable=False,
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted for the enterprise by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    acceptance_note = models.TextField(_("acceptance note"), blank=True, editable=False)

    scope = Scope(region="region", enterprise="enterprise")
    autocomplete_fields = ("number", "work_content")
    workflow = PERMIT_WORKFLOW

    class Meta:
        verbose_name = _("confined-space work permit")
        verbose_name_plural = _("confined-space work permits")
        ordering = ["-planned_start", "-id"]
        permissions = [
            ("file_permit", _("Can file a permit with the sub-district")),
            ("acknowledge_permit", _("Can acknowledge or return a filed permit")),
            ("approve_permit", _("Can record a permit's approval")),
            ("work_permit", _("Can start, resume and complete work")),
            ("suspend_permit", _("Can suspend work")),
            ("accept_permit", _("Can accept completed work")),
            ("cancel_permit", _("Can cancel a permit")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="permits_permit_unique_number"),
            models.CheckConstraint(
                condition=Q(planned_end__gt=models.F("planned_start")),
                name="permits_permit_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(implementing_unit=ImplementingUnit.CONTRACTOR)
                | Q(contractor__isnull=True, contractor_agreement__isnull=True),
                name="permits_permit_contractor_only_when_contracted",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="permits_permit_region_idx"),
            models.Index(fields=["space", "status"], name="permits_permit_space_idx"),
        ]

    def __str__(self):
        return self.number or str(_("new permit"))

    @property
    def contractor_display(self) -> str:
        if self.implementing_unit != ImplementingUnit.CONTRACTOR:
            return ""
        return str(self.contractor) if self.contractor_id else self.contractor_name

    @property
    def implementing_unit_display(self) -> str:
        """The unit that does the work, in words."""
        if self.implementing_unit == ImplementingUnit.CONTRACTOR:
            return self.contractor_display
        return str(self.enterprise) if self.enterprise_id else ""

    def _copy_region(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id

    def clean(self):
        self._copy_region()
        rules.check_permit(self)

    def save(self, *args, **kwargs):
        self._copy_region()
        if self.contractor_uscc:
            from anjian.enterprises.rules import compact_uscc

            self.contractor_uscc = compact_uscc(self.contractor_uscc)
        if self.number:
            return super().save(*args, **kwargs)
        for _attempt in range(5):
            self.number = rules.next_permit_number()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not type(self)._base_manager.filter(number=self.number).exists():
                    raise
                if kwargs.get("force_insert") is not True:
                    self.pk = None
        raise IntegrityError("could not allocate a permit number")


class PermitPerson(ScopedModel):
    """A person with a duty on one permit: work leader, entrant, attendant, rescuer, gas tester.

    A person may hold several duties on a permit (one row each), except that an attendant is never
    also an entrant (the attendant never enters): refused by ``clean`` and by a unique constraint
    on (permit, person) among the entrant and attendant rows. ``special_category`` /
    ``special_operation`` name a special operation certificate the person's part of the work needs
    (an electrician, a welder), checked at the gate.
    """

    permit = models.ForeignKey(
        Permit, verbose_name=_("permit"), on_delete=models.CASCADE, related_name="people"
    )
    person = models.ForeignKey(
        "training.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="permit_duties",
    )
    duty = models.CharField(_("duty on this permit"), max_length=16, choices=PermitDuty.choices)
    special_category = models.CharField(
        _("special operation needed"),
        max_length=32,
        choices=SpecialCategory.choices,
        blank=True,
        help_text=_("When this person's part of the work is a special operation (e.g. welding)."),
    )
    special_operation = models.CharField(_("special operation item"), max_length=100, blank=True)

    scope = PERMIT_SCOPE

    class Meta:
        verbose_name = _("person on a permit")
        verbose_name_plural = _("people on permits")
        ordering = ["permit", "duty", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit", "person", "duty"], name="permits_person_unique_duty"
            ),
            models.UniqueConstraint(
                fields=["permit", "person"],
                condition=Q(duty__in=[PermitDuty.ENTRANT, PermitDuty.ATTENDANT]),
                name="permits_person_attendant_never_entrant",
                violation_error_message=_(
                    "An attendant is never also an entrant on the same permit."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_duty_display()}"

    def clean(self):
        rules.check_permit_person(self)


class Delegation(PrimaryModel):
    """The principal's written delegation of approval (书面委托), with the signed document and its
    period: a delegate approves work, even in a space with toxic risk, on the days it is valid."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    principal = models.ForeignKey(
        "training.Person",
        verbose_name=_("principal"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        "training.Person",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_held",
    )
    document = models.FileField(
        _("signed delegation"),
        upload_to="permits/delegations/%Y/",
        blank=True,
        max_length=200,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_(
            "The signed written delegation: PDF, JPEG or PNG. A delegation counts for approvals "
            "only once its document is on file."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("scope of the delegation"), blank=True)

    scope = Scope(region="region", enterprise="enterprise")

    class Meta:
        verbose_name = _("delegation of approval")
        verbose_name_plural = _("delegations of approval")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="permits_delegation_until_after_from",
            ),
            models.CheckConstraint(
                condition=~Q(principal=models.F("delegate")),
                name="permits_delegation_distinct_people",
            ),
        ]

    def __str__(self):
        return f"{self.principal} → {self.delegate} ({self.valid_from:%Y-%m-%d}–{self.valid_until:%Y-%m-%d})"

    def valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until

    def clean(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id
        rules.check_delegation(self)

    def save(self, *args, **kwargs):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id
        super().save(*args, **kwargs)


class Briefing(ScopedModel):
    """The sub-district's on-site briefing given at acknowledgement (现场交底): at least
    ``PERMIT_BRIEFING_MIN_MINUTES`` long, covering the seven prohibitions and the procedure, with
    who attended (people on file and/or names) and who gave it (account and name)."""

    permit = models.OneToOneField(
        Permit, verbose_name=_("permit"), on_delete=models.CASCADE, related_name="briefing"
    )
    started_at = models.DateTimeField(_("briefing started at"))
    ended_at = models.DateTimeField(_("briefing ended at"))
    topics = models.JSONField(
        _("topics"),
        default=list,
        blank=True,
        validators=[rules.validate_topics],
        help_text=_("Must include the seven prohibitions and the work procedure."),
    )
    attendees = models.ManyToManyField(
        "training.Person", verbose_name=_("attendees on file"), blank=True, related_name="+"
    )
    attendee_names = models.TextField(
        _("other attendees"), blank=True, help_text=_("Names of attendees not on file.")
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    given_by_name = models.CharField(_("given by"), max_length=100)
    location = models.CharField(_("place"), max_length=200, blank=True)

    scope = PERMIT_SCOPE

    class Meta:
        verbose_name = _("on-site briefing")
        verbose_name_plural = _("on-site briefings")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=models.F("started_at")),
                name="permits_briefing_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.permit} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return rules.briefing_minutes(self)

    @property
    def topic_labels(self) -> str:
        labels = dict(BriefingTopic.choices)
        return "、".join(str(labels.get(t, t)) for t in self.topics or [])

    def clean(self):
        from django.core.exceptions import ValidationError

        reasons = rules.briefing_refusals(self, check_attendees=False)
        if self.permit_id and self.permit.status != PermitStatus.FILED:
            reasons.append(_("A briefing is recorded while the filing waits for acknowledgement."))
        if reasons:
            raise ValidationError(reasons)


class AttachmentKind(ScopedModel):
    """A kind of document the filing holds (administrators edit the list). The default three —
    approval form, gas-test record form, work plan ("两表一方案") — are ``generated`` from the
    permit as Word documents (permits.documents); the others are uploaded."""

    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    required = models.BooleanField(_("required for filing"), default=False)
    generated = models.BooleanField(
        _("generated from the permit"),
        default=False,
        help_text=_("Produced by the platform from the permit; nothing to upload."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("attachment kind")
        verbose_name_plural = _("attachment kinds")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="permits_attachmentkind_unique_code"),
        ]

    def __str__(self):
        return self.name


class PermitAttachment(ScopedModel):
    """An uploaded document of a permit's filing, of a kind from ``AttachmentKind``."""

    permit = models.ForeignKey(
        Permit, verbose_name=_("permit"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.ForeignKey(
        AttachmentKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"),
        upload_to="permits/attachments/%Y/",
        max_length=200,
        validators=[UploadValidator(DOCUMENT_KINDS)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = PERMIT_SCOPE

    class Meta:
        verbose_name = _("permit attachment")
        verbose_name_plural = _("permit attachments")
        ordering = ["permit", "kind__order", "id"]

    def __str__(self):
        return f"{self.permit} {self.kind}"

    def clean(self):
        rules.check_attachment(self)
