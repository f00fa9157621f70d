"""Workflows: a status field, a table of allowed transitions, guard functions.

A model declares ``workflow = Workflow("status", [Transition(...), ...])``. State changes only through
``perform(obj, name, actor=..., reason=...)``, which checks source state, permission and guards
(collecting every reason it refuses), then moves the record with a compare-and-set
``UPDATE … WHERE status = old`` so that of two concurrent moves exactly one wins, writes one
TransitionLog row and one AuditEvent, and records the change in the record's history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.models import TransitionLog
from anjian.core.validators import check_reason_length


class TransitionRefused(Exception):
    """A move that may not happen; ``reasons`` are sentences a user can read."""

    def __init__(self, reasons: Iterable[str]):
        self.reasons = [str(r) for r in reasons]
        super().__init__("; ".join(self.reasons))


# A guard gets (obj, actor, context) and returns None when satisfied, or a reason (or reasons).
Guard = Callable[..., "str | Iterable[str] | None"]


@dataclass(frozen=True)
class Transition:
    name: str
    source: tuple[str, ...]
    target: str
    label: str
    permission: str | None = None  # "app.codename"; default: the model's change permission
    guards: tuple[Guard, ...] = ()
    reason_required: bool = False
    # Extra field updates made in the same UPDATE, e.g. {"is_active": False}; or a callable
    # (obj, context) -> dict for values computed at move time.
    updates: dict | Callable | None = None
    style: str = "primary"  # Bootstrap button colour of the action
    on_commit: Callable | None = field(default=None, compare=False)


class Workflow:
    def __init__(self, field_name: str, transitions: Iterable[Transition]):
        self.field = field_name
        self.transitions = {t.name: t for t in transitions}

    def get(self, name: str) -> Transition | None:
        return self.transitions.get(name)

    def permission_for(self, model, transition: Transition) -> str:
        if transition.permission:
            return transition.permission
        opts = model._meta
        return f"{opts.app_label}.change_{opts.model_name}"

    def refusals(self, obj, transition: Transition, actor, reason="", context=None) -> list[str]:
        """Every reason the move is refused right now (empty when it may go ahead)."""
        reasons = []
        current = getattr(obj, self.field)
        if current not in transition.source:
            reasons.append(
                _("This action is not possible while the record is “%(status)s”.")
                % {"status": status_label(obj, self.field)}
            )
        if actor is not None and not actor.has_perm(self.permission_for(type(obj), transition)):
            reasons.append(_("You do not have permission to do this."))
        for guard in transition.guards:
            result = guard(obj, actor, context or {})
            if result is None:
                continue
            if isinstance(result, str):
                reasons.append(result)
            else:
                reasons.extend(str(r) for r in result)
        if transition.reason_required and not (reason or "").strip():
            reasons.append(_("Give a reason for this action."))
        too_long = check_reason_length(reason)
        if too_long:
            reasons.append(too_long)
        return reasons

    def available(self, obj, user) -> list[Transition]:
        """Transitions whose source state and permission allow ``user`` to try them now."""
        current = getattr(obj, self.field)
        return [
            t
            for t in self.transitions.values()
            if current in t.source and user.has_perm(self.permission_for(type(obj), t))
        ]


def status_label(obj, field_name: str) -> str:
    getter = getattr(obj, f"get_{field_name}_display", None)
    return str(getter()) if getter else str(getattr(obj, field_name))


def perform(obj, name: str, *, actor, reason: str = "", request=None, context=None, source=None):
    """Move ``obj`` along transition ``name``; raises TransitionRefused with readable reasons.

    ``source`` is the record that caused the move, if any (e.g. the accident that raised a grade);
    the transition row keeps a reference to it and its name.
    """
    model = type(obj)
    workflow: Workflow = model.workflow
    transition = workflow.get(name)
    if transition is None:
        raise TransitionRefused([_("Unknown action “%(name)s”.") % {"name": name}])
    context = context or {}
    try:
        _move(obj, model, workflow, transition, actor, reason, request, context, source)
    except TransitionRefused as refused:
        # Recorded after the move's transaction rolled back, so the refusal stays on record.
        opts = model._meta
        audit.record(
            f"{opts.app_label}.{opts.model_name}.transition_refused",
            actor=actor,
            obj=obj,
            request=request,
            detail={
                "transition": transition.name,
                "from": getattr(obj, workflow.field),
                "reasons": refused.reasons,
            },
        )
        raise
    return obj


def _move(obj, model, workflow, transition, actor, reason, request, context, source):
    with transaction.atomic():
        reasons = workflow.refusals(obj, transition, actor, reason, context)
        if reasons:
            raise TransitionRefused(reasons)
        old = getattr(obj, workflow.field)
        updates = transition.updates(obj, context) if callable(transition.updates) else {}
        if isinstance(transition.updates, dict):
            updates = dict(transition.updates)
        updates[workflow.field] = transition.target
        moved = model._base_manager.filter(pk=obj.pk, **{workflow.field: old}).update(**updates)
        if moved != 1:
            raise TransitionRefused(
                [_("Someone else changed this record just now. Reload it and try again.")]
            )
        for key, value in updates.items():
            setattr(obj, key, value)
        # Saving the same values again lets django-simple-history record the change and its author.
        obj._history_user = actor
        obj._change_reason = reason or transition.name
        obj.save(update_fields=[*updates, *_auto_now_fields(model)])
        TransitionLog.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=obj.pk,
            transition=transition.name,
            from_state=old,
            to_state=transition.target,
            actor=actor,
            actor_username=getattr(actor, "username", ""),
            reason=reason or "",
            **_source_fields(source),
        )
        opts = model._meta
        audit.record(
            f"{opts.app_label}.{opts.model_name}.{transition.name}",
            actor=actor,
            obj=obj,
            request=request,
            detail={
                "from": old,
                "to": transition.target,
                "reason": reason or "",
                **({"source": str(source)[:200]} if source is not None else {}),
            },
        )
        if transition.on_commit is not None:
            transaction.on_commit(lambda: transition.on_commit(obj))


def _source_fields(source) -> dict:
    if source is None:
        return {}
    return {
        "source_type": ContentType.objects.get_for_model(type(source)),
        "source_id": str(source.pk),
        "source_repr": str(source)[:200],
    }


def _auto_now_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def timeline(obj):
    """The transition rows of one record, oldest first, with their actors."""
    return TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).order_by("at", "id")
