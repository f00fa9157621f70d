"""Who may do what with training records, added to the accounts role table; menu and counters.

Regulators and sub-district officers run training, drills and publicity and keep the people and
certificates of their area; the committee office runs publicity (安全生产月) too; enterprise
safety managers keep their own enterprise's people, training and drills (the enterprises app's
refiner narrows them to their enterprise); the other roles read within their jurisdiction.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
EDIT = ["view", "add", "change"]
ALL = ["view", "add", "change", "delete"]
REVEAL = "training.reveal_id_number"

_RECORDS = [
    "person",
    "trainingsession",
    "attendance",
    "certificate",
    "specialcertificate",
    "drill",
    "activity",
]


def _each(actions, models=_RECORDS) -> set[str]:
    return set().union(*(_perms(f"training.{m}", actions) for m in models))


_READ_ALL = _each(READ)
_RUN_TRAINING = (
    _perms("training.person", EDIT)
    | _perms("training.trainingsession", ALL)
    | _perms("training.attendance", ALL)
    | _perms("training.certificate", EDIT)
    | _perms("training.specialcertificate", EDIT)
    | _perms("training.drill", EDIT)
    | _perms("training.activity", ALL)
    | {REVEAL}
)

GRANTS = {
    roles.ADMIN: _each(ALL) | _perms("training.trainingvalidity", ["view", "change"]) | {REVEAL},
    roles.REGULATOR: _RUN_TRAINING,
    roles.SUBDISTRICT_OFFICER: _RUN_TRAINING,
    roles.COMMITTEE: _READ_ALL | _perms("training.activity", ALL),
    roles.DEPARTMENT: _READ_ALL,
    roles.GRID_WORKER: _READ_ALL,
    roles.SERVICE_INSPECTOR: _READ_ALL,
    roles.LEADER: _READ_ALL,
    roles.AUDITOR: _READ_ALL,
    roles.EXPERT: set(),
    # Its own enterprise only: its workers, its own training and drills, the certificates of its
    # workers (read; issued by assessment or recorded by the regulator), its publicity.
    roles.ENTERPRISE_MANAGER: _perms("training.person", ALL)
    | _perms("training.trainingsession", ALL)
    | _perms("training.attendance", ALL)
    | _perms("training.certificate", READ)
    | _perms("training.specialcertificate", ALL)
    | _perms("training.drill", ALL)
    | _perms("training.activity", EDIT)
    | {REVEAL},
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    from anjian.core import navigation
    from anjian.training.models import (
        Activity,
        Certificate,
        Drill,
        Person,
        SpecialCertificate,
        TrainingSession,
        TrainingValidity,
    )

    item = navigation.register_item
    item("supervision", _("People"), "training:person_list", model=Person, icon="person-vcard")
    item(
        "supervision",
        _("Training sessions"),
        "training:trainingsession_list",
        model=TrainingSession,
        icon="easel",
    )
    item(
        "supervision",
        _("Certificates"),
        "training:certificate_list",
        model=Certificate,
        icon="patch-check",
    )
    item(
        "supervision",
        _("Special operation certificates"),
        "training:specialcertificate_list",
        model=SpecialCertificate,
        icon="lightning-charge",
    )
    item("supervision", _("Drills"), "training:drill_list", model=Drill, icon="life-preserver")
    item(
        "supervision",
        _("Publicity activities"),
        "training:activity_list",
        model=Activity,
        icon="megaphone",
    )
    item(
        "system",
        _("Training kinds"),
        "training:trainingvalidity_list",
        model=TrainingValidity,
        icon="hourglass-split",
    )
    navigation.register_counter(_("People"), Person, "training:person_list", icon="person-vcard")
    navigation.register_counter(
        _("Certificates"), Certificate, "training:certificate_list", icon="patch-check"
    )


def register_panels():
    from anjian.training import panels

    panels.register_all()
