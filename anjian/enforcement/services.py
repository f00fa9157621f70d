"""What happens to a case beyond its own row: the moves of the workflow with what follows a
decision (the enterprise's grade raised once per case, the repeat-offender flag), opening a case
from an inspection or a hazard, and the totals by period and area."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.workflow import perform
from anjian.enforcement import rules
from anjian.enforcement.choices import DECIDED_STATUSES, PartyKind, Period
from anjian.enforcement.models import EnforcementCase


def transition(case: EnforcementCase, name: str, *, actor, reason: str = "", request=None):
    """Every move of a case (page, API, demo). A decision on an enterprise raises its grade
    (``escalate_grade``, once per case) and sets the case's repeat-offender flag."""
    with transaction.atomic():
        perform(case, name, actor=actor, reason=reason, request=request)
        if name == "decide":
            after_decision(case, actor=actor, request=request)
    return case


def after_decision(case: EnforcementCase, *, actor, request=None) -> None:
    if case.party_kind != PartyKind.ENTERPRISE or not case.enterprise_id:
        return
    flag = rules.repeat_offender(case.enterprise_id, case.decision_date)
    updates = {"repeat_offender": flag}
    if case.escalated_at is None:
        from anjian.enterprises.services import escalate_grade

        escalate_grade(
            case.enterprise,
            reason=_("Administrative penalty decision %(number)s")
            % {"number": case.decision_number or case.number},
            source=case,
            actor=actor,
            request=request,
            effective_on=min(case.decision_date, timezone.localdate())
            if case.decision_date
            else None,
        )
        updates["escalated_at"] = timezone.now()
    EnforcementCase._base_manager.filter(pk=case.pk).update(**updates)
    for key, value in updates.items():
        setattr(case, key, value)


def open_case(*, actor, **fields) -> EnforcementCase:
    """A new case (page, API, import and demo alike): its opener recorded."""
    case = EnforcementCase(**fields)
    case.opened_by = actor if getattr(actor, "pk", None) else None
    case.full_clean()
    case.save()
    return case


# --- totals ---------------------------------------------------------------------------------------
_TRUNC = {Period.MONTH: TruncMonth, Period.QUARTER: TruncQuarter, Period.YEAR: TruncYear}


def period_label(day: datetime.date, period: str) -> str:
    if period == Period.YEAR:
        return f"{day.year}"
    if period == Period.QUARTER:
        return _("%(year)s Q%(quarter)s") % {"year": day.year, "quarter": (day.month - 1) // 3 + 1}
    return f"{day:%Y-%m}"


def subdistricts_of(regions) -> dict:
    """region id → the sub-district it lies in (itself or an ancestor; itself when above one),
    in one query whatever the number of regions."""
    from anjian.regions.choices import RegionLevel
    from anjian.regions.models import Region

    codes = {c for r in regions for c in r.path.strip("/").split("/") if c}
    subdistricts = {
        r.code: r
        for r in Region._base_manager.filter(code__in=codes, level=RegionLevel.SUBDISTRICT)
    }
    found = {}
    for region in regions:
        found[region.pk] = next(
            (subdistricts[c] for c in region.path.strip("/").split("/") if c in subdistricts),
            region,
        )
    return found


def totals(queryset, period: str = Period.MONTH, *, year: int | None = None):
    """Fines and decided cases by period and by sub-district, from grouped queries over the
    decided cases of ``queryset`` (already restricted to the user's reach).

    Returns ``(rows, areas, grand)``: rows of (period label, count, sum), areas of (area, count,
    sum), and the grand (count, sum)."""
    from anjian.regions.models import Region

    decided = queryset.filter(status__in=DECIDED_STATUSES, decision_date__isnull=False)
    if year:
        decided = decided.filter(decision_date__year=year)
    trunc = _TRUNC.get(period, TruncMonth)
    by_period = (
        decided.order_by()
        .annotate(p=trunc("decision_date"))
        .values("p")
        .annotate(n=Count("id"), total=Sum("total_fine"))
        .order_by("p")
    )
    rows = []
    for row in by_period:
        day = row["p"]
        if isinstance(day, datetime.datetime):
            day = day.date()
        rows.append((period_label(day, period), row["n"], row["total"] or Decimal(0)))
    by_region = (
        decided.order_by()
        .values("region_id")
        .annotate(n=Count("id"), total=Sum("total_fine"))
        .order_by()
    )
    counts = {r["region_id"]: (r["n"], r["total"] or Decimal(0)) for r in by_region}
    regions = Region._base_manager.in_bulk(list(counts))
    areas_of = subdistricts_of(list(regions.values()))
    areas_map: dict = defaultdict(lambda: [0, Decimal(0)])
    for region_id, (n, total) in counts.items():
        area = areas_of[region_id]
        areas_map[area][0] += n
        areas_map[area][1] += total
    areas = sorted(
        ((area, n, total) for area, (n, total) in areas_map.items()),
        key=lambda a: (-a[2], a[0].name),
    )
    grand = (sum(r[1] for r in rows), sum((r[2] for r in rows), Decimal(0)))
    return rows, areas, grand
