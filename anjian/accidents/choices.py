from django.db import models
from django.utils.translation import gettext_lazy as _


class AccidentLevel(models.TextChoices):
    """The four statutory levels (生产安全事故报告和调查处理条例 Art. 3), lowest first."""

    ORDINARY = "ordinary", _("Ordinary accident")
    LARGER = "larger", _("Larger accident")
    MAJOR = "major", _("Major accident")
    EXTRAORDINARY = "extraordinary", _("Extraordinarily serious accident")


# Lowest first: the rank of a level is its index.
LEVEL_ORDER = [
    AccidentLevel.ORDINARY,
    AccidentLevel.LARGER,
    AccidentLevel.MAJOR,
    AccidentLevel.EXTRAORDINARY,
]


class AccidentKind(models.TextChoices):
    POISONING = "poisoning", _("Poisoning and asphyxiation")
    FIRE = "fire", _("Fire")
    EXPLOSION = "explosion", _("Explosion")
    FALL = "fall", _("Fall from height")
    MACHINERY = "machinery", _("Mechanical injury")
    ELECTROCUTION = "electrocution", _("Electrocution")
    COLLAPSE = "collapse", _("Collapse")
    DROWNING = "drowning", _("Drowning")
    OTHER = "other", _("Other injury")


class SubjectKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organisation")
    PERSON = "person", _("Person")


class Track(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal liability")
    PARTY_DISCIPLINE = "party_discipline", _("Party discipline")
    GOVERNMENT_SANCTION = "government_sanction", _("Government sanction")
    ACCOUNTABILITY_MEASURE = "accountability_measure", _("Accountability measure")
    ADMINISTRATIVE_PENALTY = "administrative_penalty", _("Administrative penalty")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")


class CriminalStepKind(models.TextChoices):
    CASE_FILED = "case_filed", _("Case filed")
    COMPULSORY_MEASURE = "compulsory_measure", _("Compulsory measure")
    TRANSFERRED = "transferred", _("Transferred for prosecution")
    JUDGMENT = "judgment", _("Judgment")


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("CPC member")
    PROBATIONARY = "probationary", _("CPC probationary member")
    LEAGUE = "league", _("CYL member")
    OTHER_PARTY = "other_party", _("Member of another party")
    MASSES = "masses", _("Masses")
