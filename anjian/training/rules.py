"""Rules of training and certification: identity numbers, masking, validity, the start gate."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import identity
from anjian.core.periods import add_years
from anjian.training.choices import (
    EXPIRING_SOON_DAYS,
    CertificateState,
    Duty,
    SpecialCertificateState,
)

REVEAL_PERMISSION = "training.reveal_id_number"


# --- identity -----------------------------------------------------------------------------------
# The rules live once, in core.identity (enterprises will record principals as people too).
compact_id_number = identity.compact_id_number
validate_id_number = identity.validate_id_number
id_number_warnings = identity.id_number_warnings


def mask_id_number(value: str) -> str:
    """``440704199503071238`` → ``4407**********1238``: the place and the last four only."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_name(value: str) -> str:
    """``张三明`` → ``张*明``, ``陈芳`` → ``陈*``, ``欧阳小明`` → ``欧**明``: the first and the last
    character of names of three or more, what the public verification page shows of a holder."""
    if not value:
        return ""
    if len(value) <= 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def may_reveal(user) -> bool:
    return bool(user is not None and user.has_perm(REVEAL_PERMISSION))


def validate_duties(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Duties must be a list."), code="type")
    unknown = [v for v in value if v not in Duty.values]
    if unknown:
        raise ValidationError(
            _("Unknown duties: %(duties)s.") % {"duties": "、".join(map(str, unknown))},
            code="unknown",
        )


def duty_labels(duties) -> str:
    labels = dict(Duty.choices)
    return "、".join(str(labels.get(d, d)) for d in duties or [])


# --- organizers ---------------------------------------------------------------------------------
def check_organizer(obj) -> None:
    """A session, drill or activity belongs to exactly one organizer: a public body or a business."""
    if bool(obj.organization_id) == bool(obj.enterprise_id):
        raise ValidationError(
            _("Choose either an organization or an enterprise as the organizer (one of the two).")
        )


def check_person_place(person) -> None:
    if not person.employer_id and not person.region_id:
        raise ValidationError(
            {"region": _("A person without an employer needs a region (where they work).")}
        )


# --- uploads ------------------------------------------------------------------------------------
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]


def validate_upload_size(upload) -> None:
    limit = settings.ANJIAN_MAX_UPLOAD_BYTES
    if upload is not None and getattr(upload, "size", 0) > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)},
            code="too_large",
        )


# --- certificates -------------------------------------------------------------------------------
def check_certificate_duties(certificate) -> None:
    """A certificate covers only duties its training kind qualifies for."""
    allowed = set(certificate.kind_rule.qualifies_for or [])
    extra = [d for d in certificate.duties or [] if d not in allowed]
    if extra:
        raise ValidationError(
            {
                "duties": _("A certificate of “%(kind)s” does not qualify for: %(duties)s.")
                % {"kind": certificate.get_kind_display(), "duties": duty_labels(extra)}
            }
        )


def certificate_state(certificate, on: datetime.date | None = None) -> str:
    on = on or timezone.localdate()
    if certificate.voided_on:
        return CertificateState.VOID
    if certificate.issued_on and on < certificate.issued_on:
        return CertificateState.NOT_YET_VALID
    if on > certificate.expires_on:
        return CertificateState.EXPIRED
    if (certificate.expires_on - on).days <= EXPIRING_SOON_DAYS:
        return CertificateState.EXPIRING
    return CertificateState.VALID


def accepted_issuers(accepted=None) -> set[str]:
    return set(settings.ANJIAN_TRAINING_ACCEPTED_ISSUERS if accepted is None else accepted)


def valid_certificate(
    person,
    duty: str,
    on: datetime.date | None = None,
    *,
    accepted_issuers_=None,
    certificates=None,
) -> tuple[bool, str]:
    """Whether ``person`` may take ``duty`` on ``on`` (default today), and in words why (not).

    The start gate of confined-space work asks this for every entrant and attendant
    (regulations.md: nobody untrained may take part). A certificate counts when it is not void,
    its issuer is one the setting ``ANJIAN_TRAINING_ACCEPTED_ISSUERS`` accepts (or
    ``accepted_issuers_``), it lists the duty **and its training kind qualifies for the duty**
    (a warning-education class qualifies for nothing). Cases: no certificate at all; none
    covering the duty; covering but expired (or not yet issued) on that day; valid.
    """
    from anjian.training.models import Certificate

    on = on or timezone.localdate()
    duty_label = str(dict(Duty.choices).get(duty, duty))
    if certificates is None:
        certificates = list(
            Certificate._base_manager.filter(person=person, voided_on__isnull=True).order_by(
                "-expires_on"
            )
        )
    else:
        certificates = sorted(
            (c for c in certificates if c.voided_on is None),
            key=lambda c: c.expires_on,
            reverse=True,
        )
    if not certificates:
        return False, _("%(person)s holds no training certificate.") % {"person": person.name}
    issuers = accepted_issuers(accepted_issuers_)
    covering = [c for c in certificates if duty in c.qualified_duties and c.issuer_kind in issuers]
    if not covering:
        return False, _("No certificate of %(person)s covers the duty “%(duty)s”.") % {
            "person": person.name,
            "duty": duty_label,
        }
    current = [c for c in covering if c.issued_on <= on <= c.expires_on]
    if current:
        best = max(current, key=lambda c: c.expires_on)
        return True, _("Certificate %(number)s is valid until %(date)s.") % {
            "number": best.number,
            "date": best.expires_on.isoformat(),
        }
    latest = covering[0]
    if latest.issued_on > on:
        return False, _("Certificate %(number)s is valid only from %(date)s.") % {
            "number": latest.number,
            "date": latest.issued_on.isoformat(),
        }
    return False, _("Certificate %(number)s of %(person)s expired on %(date)s.") % {
        "number": latest.number,
        "person": person.name,
        "date": latest.expires_on.isoformat(),
    }


# --- special operation certificates ------------------------------------------------------------
def _review_dues(certificate):
    """The review due dates of a certificate: every interval from the issue date, before expiry."""
    interval = certificate.review_interval_years or settings.ANJIAN_SPECIAL_CERT_REVIEW_YEARS
    k = 1
    while True:
        due = add_years(certificate.issued_on, k * interval)
        if due >= certificate.expires_on:
            return
        yield add_years(certificate.issued_on, (k - 1) * interval), due
        k += 1


def missed_review(certificate, on: datetime.date) -> datetime.date | None:
    """The first review due date before ``on`` with no review after the previous due date."""
    reviewed = certificate.last_reviewed_on
    for previous, due in _review_dues(certificate):
        if due >= on:
            return None
        if reviewed is None or reviewed <= previous:
            return due
    return None


def next_review_due(certificate, on: datetime.date | None = None) -> datetime.date | None:
    on = on or timezone.localdate()
    for _previous, due in _review_dues(certificate):
        if due >= on:
            return due
    return None


def special_certificate_state(certificate, on: datetime.date | None = None) -> str:
    on = on or timezone.localdate()
    if on < certificate.issued_on:
        return SpecialCertificateState.NOT_YET_VALID
    if on > certificate.expires_on:
        return SpecialCertificateState.EXPIRED
    if missed_review(certificate, on):
        return SpecialCertificateState.VOID
    due = next_review_due(certificate, on)
    reviewed = certificate.last_reviewed_on
    if due and (due - on).days <= EXPIRING_SOON_DAYS * 2 and not (reviewed and reviewed > on):
        return SpecialCertificateState.REVIEW_DUE
    return SpecialCertificateState.VALID


def valid_special_certificate(
    person,
    category: str,
    operation: str | None = None,
    on: datetime.date | None = None,
    *,
    held=None,
) -> tuple[bool, str]:
    """Whether ``person`` holds a special operation certificate of ``category`` (and, if given,
    the ``operation`` item) valid on ``on``: not expired, no review missed. With the reason.
    ``held``: the person's special certificates when the caller loaded them already."""
    from anjian.training.choices import SpecialCategory
    from anjian.training.models import SpecialCertificate

    on = on or timezone.localdate()
    label = str(dict(SpecialCategory.choices).get(category, category))
    if held is None:
        held = list(SpecialCertificate._base_manager.filter(person=person, category=category))
    held = [c for c in held if c.category == category]
    if operation:
        held = [c for c in held if c.operation == operation]
        label = f"{label}（{operation}）"
    held.sort(key=lambda c: c.expires_on, reverse=True)
    if not held:
        return False, _("%(person)s holds no special operation certificate for %(what)s.") % {
            "person": person.name,
            "what": label,
        }
    for certificate in held:
        if special_certificate_state(certificate, on) in (
            SpecialCertificateState.VALID,
            SpecialCertificateState.REVIEW_DUE,
        ):
            return True, _("Special operation certificate %(number)s is valid until %(date)s.") % {
                "number": certificate.number,
                "date": certificate.expires_on.isoformat(),
            }
    latest = held[0]
    missed = missed_review(latest, on)
    if missed and on <= latest.expires_on:
        return False, _(
            "Special operation certificate %(number)s is void: the review due on %(date)s was missed."
        ) % {"number": latest.number, "date": missed.isoformat()}
    return False, _("Special operation certificate %(number)s expired on %(date)s.") % {
        "number": latest.number,
        "date": latest.expires_on.isoformat(),
    }


# --- assessment ---------------------------------------------------------------------------------
def passes(score) -> bool:
    """A score of 0–100 passes at the configured mark (``ANJIAN_TRAINING_PASS_MARK``, 60)."""
    return score is not None and score >= settings.ANJIAN_TRAINING_PASS_MARK


def assessment_refusals(attendance, *, score, passed: bool | None) -> list[str]:
    reasons = []
    if attendance.passed is not None:
        reasons.append(_("This attendee has already been assessed."))
    if score is not None and not (0 <= score <= 100):
        reasons.append(_("A score lies between 0 and 100."))
    if attendance.attended and score is None:
        reasons.append(_("An attendee who was present needs a score."))
    if passed and not attendance.attended:
        reasons.append(_("Someone who did not attend cannot pass the assessment."))
    if (
        score is not None
        and passed is not None
        and passed != (attendance.attended and passes(score))
    ):
        reasons.append(
            _("A score of %(score)s %(verdict)s at the pass mark of %(mark)s.")
            % {
                "score": score,
                "verdict": _("passes") if passes(score) else _("fails"),
                "mark": settings.ANJIAN_TRAINING_PASS_MARK,
            }
        )
    return reasons
