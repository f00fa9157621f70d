"""Rules of confined-space work: what a filing needs, the briefing, who may approve, gas readings
against the thresholds, the entry log, and the gate before work starts (the seven prohibitions).

Every rule lives here once; the pages, the API, the documents and the services call these (always
as ``rules.<name>``). Numbers are settings (``ANJIAN_PERMIT_*``), never constants here.
``plan``: numbers, the late flag, the permit's consistency, filing, briefing, approval.
``gas``: thresholds and conversion, the entry log, work in progress, completion, acceptance.
``gate``: the seven prohibitions (``readiness``).
"""

from anjian.permits.rules._common import *  # noqa: F403
from anjian.permits.rules._common import _as_moment, _day  # noqa: F401
from anjian.permits.rules.gas import *  # noqa: F403
from anjian.permits.rules.gate import *  # noqa: F403
from anjian.permits.rules.plan import *  # noqa: F403
