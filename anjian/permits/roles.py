"""Who may do what with confined-space work, added to the accounts role table.

- The enterprise (its safety manager; the enterprises app's refiner narrows it to its own
  enterprise) plans its permits and their people, uploads the filing, files, records the
  principal's approval and delegations, keeps the gas tests and the entry log, starts, suspends,
  resumes, completes and accepts the work, and cancels.
- The sub-district office acknowledges filings of its jurisdiction after the on-site briefing (it
  records the briefing) or returns them; it may suspend work it finds unsafe (stop-work order).
- The district regulator and every other supervising role read all of their area; experts nothing.
- Administrators keep the gas thresholds and the attachment kinds (reference tables), which every
  other role reads.
"""

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
EDIT = ["view", "add", "change"]
ALL = ["view", "add", "change", "delete"]

_RECORDS = [
    "permit",
    "permitperson",
    "delegation",
    "briefing",
    "gastest",
    "gasreading",
    "entrylogentry",
    "permitattachment",
]
_REFERENCE = ["gasthreshold", "attachmentkind"]


def _each(actions, models) -> set[str]:
    return set().union(*(_perms(f"permits.{m}", actions) for m in models))


def _moves(*names) -> set[str]:
    return {f"permits.{name}_permit" for name in names}


_READ_ALL = _each(READ, _RECORDS + _REFERENCE)

# Evidence is recorded, never edited: a gas test (posted with its readings) and a line of the
# entry log are added only; readings are read (they come with their test).
_RECORD_EVIDENCE = (
    _perms("permits.gastest", ["view", "add"])
    | _perms("permits.gasreading", READ)
    | _perms("permits.entrylogentry", ["view", "add"])
)

GRANTS = {
    # Permits are cancelled, never deleted; a threshold is switched off ("tested"), not deleted.
    roles.ADMIN: _perms("permits.permit", EDIT)
    | _each(ALL, ["permitperson", "delegation", "permitattachment", "attachmentkind"])
    | _perms("permits.gasthreshold", EDIT)
    | _perms("permits.briefing", EDIT)
    | _RECORD_EVIDENCE
    | _moves("file", "acknowledge", "approve", "work", "suspend", "accept", "cancel"),
    roles.REGULATOR: _READ_ALL,
    roles.SUBDISTRICT_OFFICER: _READ_ALL
    | _perms("permits.briefing", EDIT)
    | _moves("acknowledge", "suspend"),
    roles.COMMITTEE: _READ_ALL,
    roles.DEPARTMENT: _READ_ALL,
    roles.GRID_WORKER: _READ_ALL,
    roles.SERVICE_INSPECTOR: _READ_ALL,
    roles.LEADER: _READ_ALL,
    roles.AUDITOR: _READ_ALL,
    roles.EXPERT: set(),
    roles.ENTERPRISE_MANAGER: _each(READ, [*_REFERENCE, "briefing"])
    | _perms("permits.permit", EDIT)
    | _perms("permits.permitperson", ALL)
    | _perms("permits.permitattachment", ALL)
    | _perms("permits.delegation", ALL)
    | _RECORD_EVIDENCE
    | _moves("file", "approve", "work", "suspend", "accept", "cancel"),
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)
