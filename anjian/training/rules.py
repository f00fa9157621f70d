"""Rules of training and certification: identity numbers, masking, validity, the start gate."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from anjian.training.choices import EXPIRING_SOON_DAYS, CertificateState, Duty

REVEAL_PERMISSION = "training.reveal_id_number"


# --- identity -----------------------------------------------------------------------------------
def compact_id_number(value: str) -> str:
    return ric.compact(value or "")


def validate_id_number(value: str) -> None:
    """An 18-character resident ID number (GB 11643): digits, birth date, place and check digit."""
    try:
        ric.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The check digit of this ID number is wrong."), code="checksum"
        ) from None
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("A resident ID number has 18 characters."), code="length") from None
    except stdnum_errors.InvalidComponent:
        raise ValidationError(
            _("The birth date or place in this ID number does not exist."), code="component"
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_("This is not a valid resident ID number."), code="format") from None


def mask_id_number(value: str) -> str:
    """``440704199503071238`` → ``4407**********1238``: the place and the last four only."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_name(value: str) -> str:
    """``陈庆芳`` → ``陈**``: what the public verification page shows of a holder."""
    if not value:
        return ""
    return value[0] + "*" * max(len(value) - 1, 1)


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
def certificate_state(certificate, on: datetime.date | None = None) -> str:
    on = on or timezone.localdate()
    if certificate.issued_on and on < certificate.issued_on:
        return CertificateState.NOT_YET_VALID
    if on > certificate.expires_on:
        return CertificateState.EXPIRED
    if (certificate.expires_on - on).days <= EXPIRING_SOON_DAYS:
        return CertificateState.EXPIRING
    return CertificateState.VALID


def valid_certificate(person, duty: str, on: datetime.date | None = None) -> tuple[bool, str]:
    """Whether ``person`` may take ``duty`` on ``on`` (default today), and in words why (not).

    The start gate of confined-space work asks this for every entrant and attendant
    (regulations.md: nobody untrained may take part). Cases: no certificate at all; none
    covering the duty; covering but expired (or not yet issued) on that day; valid.
    """
    from anjian.training.models import Certificate

    on = on or timezone.localdate()
    duty_label = str(dict(Duty.choices).get(duty, duty))
    certificates = list(Certificate._base_manager.filter(person=person).order_by("-expires_on"))
    if not certificates:
        return False, _("%(person)s holds no training certificate.") % {"person": person.name}
    covering = [c for c in certificates if duty in (c.duties or [])]
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


# --- assessment ---------------------------------------------------------------------------------
def assessment_refusals(attendance, *, passed: bool) -> list[str]:
    reasons = []
    if attendance.passed is not None:
        reasons.append(_("This attendee has already been assessed."))
    if passed and not attendance.attended:
        reasons.append(_("Someone who did not attend cannot pass the assessment."))
    return reasons
