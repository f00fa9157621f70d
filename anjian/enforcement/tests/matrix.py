"""Enforcement cases, their penalties and the working-day calendar in the access matrix, the
expectations per role written out by hand: the district bureau opens, investigates and decides;
sub-district officers open and investigate in their area but do not decide; the committee, leaders
and auditors read; an enterprise reads the cases against it; the calendar is the administrators'."""

import datetime
from decimal import Decimal
from itertools import count

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase
from anjian.enforcement.testing import calendar_day, case_in, decidable, legal_basis, penalty_in

_seq = count(900)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
TODAY = datetime.date.today()
MOVES = {"investigate", "execute", "close", "reopen_investigation"}

_READERS = {
    roles.COMMITTEE: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.ENTERPRISE_MANAGER: READ,
    roles.GRID_WORKER: set(),
    roles.SERVICE_INSPECTOR: set(),
    roles.DEPARTMENT: set(),
    roles.EXPERT: set(),
}


def _update(obj, **values):
    EnforcementCase._base_manager.filter(pk=obj.pk).update(**values)
    obj.refresh_from_db()


def _new_case(world, region):
    return {
        "party_kind": "enterprise",
        "enterprise": world.enterprise_for(region).pk,
        "opened_on": TODAY.isoformat(),
        "facts": f"矩阵违法事实{next(_seq)}",
    }


def _case_change(obj):
    return {
        "party_kind": obj.party_kind,
        "enterprise": obj.enterprise_id,
        "opened_on": obj.opened_on.isoformat(),
        "facts": obj.facts,
        "notes": "改",
    }


CASE = register(
    MatrixCase(
        model=EnforcementCase,
        make=case_in,
        form_data=_new_case,
        api_data=_new_case,
        change_data=_case_change,
        api_change=lambda obj: {"notes": "改"},
        changed=lambda obj: obj.notes == "改",
        created=lambda data: EnforcementCase.objects.filter(facts=data["facts"]).exists(),
        api_basename="enforcementcase",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL | MOVES | {"decide"},
            roles.REGULATOR: ALL | MOVES | {"decide"},
            roles.SUBDISTRICT_OFFICER: EDIT | MOVES,
            **_READERS,
        },
        transitions={
            "investigate": (lambda obj: None, lambda obj: obj.status == "investigated"),
            "decide": (decidable, lambda obj: obj.status == "decided"),
            "execute": (
                lambda obj: _update(
                    obj,
                    status="decided",
                    decision_date=TODAY - datetime.timedelta(days=2),
                    fulfilled_on=TODAY,
                ),
                lambda obj: obj.status == "executed",
            ),
            "close": (
                lambda obj: _update(
                    obj,
                    status="executed",
                    decision_date=TODAY - datetime.timedelta(days=2),
                    published_on=TODAY,
                    publication_place="门户网站",
                ),
                lambda obj: obj.status == "closed",
            ),
            "reopen_investigation": (
                lambda obj: _update(obj, status="investigated"),
                lambda obj: obj.status == "opened",
            ),
        },
    )
)


def _new_penalty(world, region):
    return {
        "case": case_in(world, region).pk,
        "legal_basis": legal_basis().pk,
        "kind": "fine",
        "amount": str(Decimal(1000 + next(_seq))),
    }


PENALTY = register(
    MatrixCase(
        model=CasePenalty,
        make=penalty_in,
        form_data=_new_penalty,
        api_data=_new_penalty,
        change_data=lambda obj: {
            "case": obj.case_id,
            "legal_basis": obj.legal_basis_id,
            "kind": obj.kind,
            "amount": "1234",
        },
        api_change=lambda obj: {"amount": "1234"},
        changed=lambda obj: obj.amount == Decimal(1234),
        created=lambda data: CasePenalty.objects.filter(amount=Decimal(data["amount"])).exists(),
        api_basename="casepenalty",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: ALL,
            roles.SUBDISTRICT_OFFICER: EDIT,
            **_READERS,
        },
    )
)

_CALENDAR_READERS = {
    roles.ADMIN,
    roles.REGULATOR,
    roles.SUBDISTRICT_OFFICER,
    roles.COMMITTEE,
    roles.LEADER,
    roles.AUDITOR,
}
_new_days = count(1)


def _new_day(world, region):
    day = datetime.date(2029, 1, 1) + datetime.timedelta(days=next(_new_days))
    return {"date": day.isoformat(), "kind": "holiday", "name": f"矩阵假日{next(_seq)}"}


CALENDAR = register(
    MatrixCase(
        model=CalendarDay,
        make=lambda world, region: calendar_day(),
        form_data=_new_day,
        api_data=_new_day,
        change_data=lambda obj: {
            "date": obj.date.isoformat(),
            "kind": obj.kind,
            "name": "改",
        },
        api_change=lambda obj: {"name": "改"},
        changed=lambda obj: obj.name == "改",
        created=lambda data: CalendarDay.objects.filter(name=data["name"]).exists(),
        api_basename="calendarday",
        unrestricted_roles=_CALENDAR_READERS,
        expect={
            roles.ADMIN: ALL,
            **{role: READ for role in _CALENDAR_READERS - {roles.ADMIN}},
            roles.ENTERPRISE_MANAGER: set(),
            roles.GRID_WORKER: set(),
            roles.SERVICE_INSPECTOR: set(),
            roles.DEPARTMENT: set(),
            roles.EXPERT: set(),
        },
    )
)
