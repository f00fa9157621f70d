"""Pages of the permits app (split by who uses them):

- ``permits``: the enterprise's list, draft, people, attachments and the permit page with the
  seven prohibitions as a live checklist; the transitions through the services;
- ``subdistrict``: the sub-district office's inbox and the acknowledgement (on-site briefing);
- ``work``: approval, gas tests, the site page for a phone (entry log, readings, suspend/resume,
  complete) and acceptance;
- ``reference``: delegations, gas thresholds and attachment kinds.
"""

from anjian.permits.views.permits import *  # noqa: F403
from anjian.permits.views.reference import *  # noqa: F403
from anjian.permits.views.subdistrict import *  # noqa: F403
from anjian.permits.views.work import *  # noqa: F403
