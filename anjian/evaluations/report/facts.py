"""The facts an evaluation report is written from — gathered from the records, never typed.

``ReportFacts`` is a plain structure (dataclasses of strings, dates, numbers and lists) so that the
layout (``word.py``) and the HTML page read one thing and can be tested without a database.
``gather(evaluation, *, user, public=False)`` reads the accidents and evaluations records into it;
with ``public=True`` the persons' fields named by the ``DisclosurePolicy`` are masked, and ID and
phone numbers are scrubbed from every free text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

# Tracks of accountability, in the order the report's section 二 lists them.
CRIMINAL = "criminal"
PARTY_DISCIPLINE = "party_discipline"
GOVERNMENT_SANCTION = "government_sanction"
ACCOUNTABILITY_MEASURE = "accountability_measure"
ADMINISTRATIVE_PENALTY = "administrative_penalty"
# 二（二） takes party discipline, government sanctions and accountability measures together.
DISCIPLINE_TRACKS = (PARTY_DISCIPLINE, GOVERNMENT_SANCTION, ACCOUNTABILITY_MEASURE)

# A mainland mobile or a fixed line with area code; an 18-character resident ID number.
PHONE = r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)"
ID_NUMBER = r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])"


def scrub_public(text: str) -> str:
    """Every ID number and phone number in a free text replaced by asterisks (public version)."""
    text = re.sub(ID_NUMBER, lambda m: "*" * len(m.group()), str(text or ""))
    return re.sub(PHONE, lambda m: "*" * len(m.group()), text)


@dataclass
class AccidentFacts:
    name: str
    occurred_at: datetime.datetime | datetime.date
    place: str
    enterprise: str
    kind: str  # the kind's label, e.g. 中毒
    level: str  # the level's label, e.g. 一般
    deaths: int = 0
    serious_injuries: int = 0
    injuries: int = 0
    direct_loss: Decimal | None = None  # yuan
    summary: str = ""


@dataclass
class InvestigationFacts:
    government: str  # the government that investigated (the investigating region's)
    report_title: str = ""
    team: list[str] = field(default_factory=list)
    approved_by: str = ""
    approved_on: datetime.date | None = None
    approval_number: str = ""
    published_on: datetime.date | None = None
    published_url: str = ""


@dataclass
class WorkFacts:
    organizer: str
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    members: list[str] = field(default_factory=list)
    experts: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)  # labels and free text, in order
    place: str = ""


@dataclass
class StepFacts:
    """One step of a criminal case: filed, a compulsory measure, transferred, judged."""

    step: str  # label
    on: datetime.date | None = None
    kind: str = ""  # CriminalStepKind value: the sentence the step is told in
    measure: str = ""
    document_number: str = ""
    body: str = ""


@dataclass
class ItemFacts:
    """One accountability item: the subject, what was recommended, what was done, the verdict."""

    track: str
    subject: str  # an organisation's or a person's name
    is_person: bool = False
    political_status: str = ""
    position: str = ""
    organization: str = ""
    recommended_action: str = ""
    executing_body: str = ""
    legal_basis: str = ""
    outcome: str = ""
    outcome_on: datetime.date | None = None
    document_number: str = ""
    amount: Decimal | None = None
    paid: bool | None = None  # the linked enforcement case's fulfilment; None without a case
    done: bool = False
    steps: list[StepFacts] = field(default_factory=list)
    verdict: str = ""  # label
    comment: str = ""


@dataclass
class ProgressFacts:
    by: str  # the organisation or enterprise that reported
    text: str
    reported_on: datetime.date | None = None


@dataclass
class RecommendationFacts:
    number: int
    text: str
    assigned_to: list[str] = field(default_factory=list)
    progress: list[ProgressFacts] = field(default_factory=list)
    verdict: str = ""
    comment: str = ""


@dataclass
class FindingFacts:
    problem: str
    handed_to: str = ""
    deadline: datetime.date | None = None
    status: str = ""


@dataclass
class SpotCheckFacts:
    enterprise: str
    address: str = ""
    on: datetime.date | None = None
    findings: list[str] = field(default_factory=list)
    followed_by: str = ""  # the organisations that follow the problems up (the inspectors')
    unannounced: bool = False  # an unannounced check (不打招呼、直奔现场)


@dataclass
class ReportFacts:
    accident: AccidentFacts
    investigation: InvestigationFacts
    work: WorkFacts
    items: list[ItemFacts] = field(default_factory=list)
    recommendations: list[RecommendationFacts] = field(default_factory=list)
    findings: list[FindingFacts] = field(default_factory=list)
    spot_checks: list[SpotCheckFacts] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # one per suggestion, in order
    conclusion: str = ""
    status: str = ""
    approved_on: datetime.date | None = None
    public: bool = False

    def track(self, *tracks: str) -> list[ItemFacts]:
        return [item for item in self.items if item.track in tracks]

    @property
    def criminal(self) -> list[ItemFacts]:
        return self.track(CRIMINAL)

    @property
    def discipline(self) -> list[ItemFacts]:
        return self.track(*DISCIPLINE_TRACKS)

    @property
    def penalties(self) -> list[ItemFacts]:
        return self.track(ADMINISTRATIVE_PENALTY)
