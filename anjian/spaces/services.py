"""What the spaces app asks of others, and what the public label page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

PERMITS_APP = "anjian.permits"
IN_PROGRESS = "in_progress"
ATTENDANT = "attendant"


@dataclass(frozen=True)
class WorkNow:
    """Approved work in progress in a space right now: what the public label page may say."""

    number: str
    until: object  # the permit's planned end (an aware datetime)
    attendants: tuple[str, ...]


def work_in_progress(space) -> list[WorkNow]:
    """The permits of ``space`` in progress now, with their attendants' names (only those),
    asked of the permits app lazily so that this app stands without it."""
    if not apps.is_installed(PERMITS_APP):
        return []
    Permit = apps.get_model("permits", "Permit")
    PermitPerson = apps.get_model("permits", "PermitPerson")
    permits = list(
        Permit._base_manager.filter(space=space, status=IN_PROGRESS)
        .order_by("planned_end", "id")
        .values_list("id", "number", "planned_end")
    )
    if not permits:
        return []
    names: dict[int, list[str]] = {}
    rows = (
        PermitPerson._base_manager.filter(permit_id__in=[p[0] for p in permits], duty=ATTENDANT)
        .order_by("id")
        .values_list("permit_id", "person__name")
    )
    for permit_id, name in rows:
        names.setdefault(permit_id, []).append(name)
    return [
        WorkNow(number=number, until=timezone.localtime(end) if end else None,
                attendants=tuple(names.get(pk, ())))
        for pk, number, end in permits
    ]  # fmt: skip


def find_by_token(token: str):
    """The space a label's token names, or None (unknown, removed)."""
    from anjian.spaces.models import ConfinedSpace

    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    return (
        ConfinedSpace._base_manager.select_related("enterprise")
        .filter(label_token=token)
        .exclude(status="removed")
        .first()
    )
