"""Confined-space work: the permit and its records (``permit``), gas and the entry log (``gas``)."""

from anjian.permits.models.gas import EntryLogEntry, GasReading, GasTest, GasThreshold
from anjian.permits.models.permit import (
    AttachmentKind,
    Briefing,
    Delegation,
    Permit,
    PermitAttachment,
    PermitPerson,
)

__all__ = [
    "AttachmentKind",
    "Briefing",
    "Delegation",
    "EntryLogEntry",
    "GasReading",
    "GasTest",
    "GasThreshold",
    "Permit",
    "PermitAttachment",
    "PermitPerson",
]
