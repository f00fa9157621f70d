"""Confined-space work in the demo world: permits in every state at the seed's enterprises.

After the “4·5” poisoning in 恒亦达's 好氧池 the district required every entry to be approved and
filed with the sub-district three days ahead ("两表一方案"), with a 30-minute on-site briefing
(seed §(三)). The permits here tell that story, each moved through ``services`` — the same rules
as the pages — so the demo proves the rules rather than asserting a status:

- 调节池 sludge removal, 20 days ago: filed in time, briefed, approved by the principal, tested,
  worked, logged in and out, completed and accepted;
- 一诠科技's second-floor sewage station, two days ago: completed, awaiting acceptance;
- 好氧池 (the tank of the accident), **in progress now**: approved by the deputy general manager
  under the principal's **written delegation**, a passing test 20 minutes before the start, an
  entrant inside (times relative to the load, so "now" is true on the day it is loaded);
- 污泥池, this morning: **suspended** at once by a **failing H2S reading** at the bottom;
- 集水井 pump replacement, approved, its **start refused**: one entrant's only certificate is a
  **warning-education** one, which qualifies for no duty (``training.rules.valid_certificate``);
- 锐科's acid-wash wastewater pit by a contractor named by its USCC: acknowledged, awaiting
  approval;
- 一诠科技's underground sewage well: **filed late** (the day before), waiting in the officer's inbox;
- a filing returned with reasons, a draft, and a permit cancelled in favour of a suction truck.

A permit is found by its enterprise, space and work content; one already there is left exactly as
it is (its moves happened once), so loading twice changes nothing. The loader needs the spaces and
the training people, and ``load_permits`` runs before the training loader (app order), so it
appends the real loader to run after every other one.
"""

from __future__ import annotations

from anjian.permits.demo import people, permits
from anjian.permits.demo.common import HENGYIDA, Demo

__all__ = ["load_permit_work", "load_permits"]


def load_permits(w) -> None:
    """Runs in the apps' order (before the training loader): defer the work to the end."""
    from anjian.demo import world

    world.register(load_permit_work)


def load_permit_work(w) -> None:
    demo = Demo(w)
    if any(e is None for e in demo.enterprises.values()):
        return  # the enterprises loader did not make the seed's enterprises
    if demo.space(HENGYIDA, "HYD-YX-01") is None:
        return  # no spaces loaded
    if not people.load_people(demo):
        return  # no training people loaded
    people.load_principals(demo)
    people.load_warning_certificate(demo)
    delegation = people.load_delegation(demo)
    permits.load_permits_in_every_state(demo, delegation)
