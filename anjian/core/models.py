"""The base model ladder every app builds on, and the two append-only logs.

ChangeLoggedModel → ScopedModel → PrimaryModel. Every concrete model inherits from one of them, so
each gets timestamps, per-field history (django-simple-history) and the ``restrict`` queryset.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anjian.core.scoping import Scope, ScopedManager


@dataclass(frozen=True)
class DateBounds:
    """A per-field override of the date range (``Model.date_bounds = {"field": DateBounds(…)}``):
    ``days_ahead=0`` means "not in the future"; ``None`` keeps the general bound."""

    earliest: datetime.date | None = None
    days_ahead: int | None = None


NOT_IN_FUTURE = DateBounds(days_ahead=0)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def date_range(model, name: str) -> tuple[datetime.date, datetime.date]:
    """The dates a model's field accepts: from ``DATE_EARLIEST_YEAR``-01-01 to
    ``DATE_YEARS_AHEAD`` years from today, unless the model's ``date_bounds`` narrows them."""
    today = timezone.localdate()
    earliest = datetime.date(settings.ANJIAN_DATE_EARLIEST_YEAR, 1, 1)
    latest = _years_after(today, settings.ANJIAN_DATE_YEARS_AHEAD)
    override = (getattr(model, "date_bounds", None) or {}).get(name)
    if override is not None:
        earliest = override.earliest or earliest
        if override.days_ahead is not None:
            latest = today + datetime.timedelta(days=override.days_ahead)
    return earliest, latest


def check_dates(obj, names=None) -> None:
    """Raise a ValidationError naming every date field of ``obj`` outside its range (a year 9999
    would break every date computed from it). ``names`` limits the check to some fields."""
    errors = {}
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.DateField) or (
            names is not None and field.name not in names
        ):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        value = getattr(obj, field.attname, None)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if not isinstance(value, datetime.date):
            continue
        earliest, latest = date_range(type(obj), field.name)
        if value > latest and latest <= timezone.localdate():
            message = _("This date cannot be in the future.")
        elif not earliest <= value <= latest:
            message = _("Enter a date between %(earliest)s and %(latest)s.") % {
                "earliest": formats.date_format(earliest),
                "latest": formats.date_format(latest),
            }
        else:
            continue
        errors[field.name] = ValidationError(message, code="date_range")
    if errors:
        raise ValidationError(errors)


def check_written_fields(obj, names) -> None:
    """What a form's full_clean checks beyond the serializer's own field validation, for the API's
    written fields ``names``: the dates' bounds and the model's check constraints (an interval of
    0 is a 400 with the constraint's message, not an IntegrityError)."""
    check_dates(obj, names=set(names))
    obj.validate_constraints(
        exclude={f.name for f in obj._meta.concrete_fields if f.name not in names}
    )


class ChangeLoggedModel(models.Model):
    """Timestamps and a full history of every field change, with its author."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = ScopedManager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return detail_url(self)

    def clean_fields(self, exclude=None):
        """Field validation, plus every date within its bounds (see ``date_range``)."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        try:
            excluded = set(exclude or ())
            check_dates(
                self,
                [
                    f.name
                    for f in self._meta.concrete_fields
                    if f.name not in excluded and f.name not in errors
                ],
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def detail_url(obj) -> str | None:
    """The record's generic detail page (``app:model_detail``), or None when it has none; tables
    link rows with it (``linkify=True``)."""
    from django.urls import NoReverseMatch, reverse

    from anjian.core.urls_helpers import viewname

    name = viewname(type(obj), "detail")
    pk = obj.pk
    if type(pk) is int and pk >= 0:
        return reverse_pk(name, pk)
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


_PK_ROUTES: dict = {}
_PK_PROBE = 7_086_157_393  # digits no route holds of itself


def reverse_pk(name: str, pk: int) -> str | None:
    """``reverse(name, args=[pk])`` for a whole-number key (None when there is no such route),
    with the route reversed once per process, URL conf and script prefix: a list links each of
    its rows to its page, and ``reverse`` costs more than the rest of the cell. The URL of a
    probe key is split around the key; a route whose URL does not show the key once, as given,
    is reversed every time."""
    from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

    key = (name, get_urlconf(), get_script_prefix())
    try:
        parts = _PK_ROUTES[key]
    except KeyError:
        try:
            url = reverse(name, args=[_PK_PROBE])
        except NoReverseMatch:
            parts = None
        else:
            pieces = url.split(str(_PK_PROBE))
            parts = tuple(pieces) if len(pieces) == 2 else False
        if len(_PK_ROUTES) > 2000:
            _PK_ROUTES.clear()
        _PK_ROUTES[key] = parts
    if parts is None:
        return None
    if parts is False:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            return None
    return parts[0] + str(pk) + parts[1]


class ScopedModel(ChangeLoggedModel):
    """A record that belongs to a place; subclasses set ``scope`` to say how it reaches it."""

    scope = Scope(region="region")

    class Meta:
        abstract = True


class PrimaryModel(ScopedModel):
    """A first-class record with its own pages: adds free-text notes."""

    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True


class AppendOnlyModel(models.Model):
    """A log row: written once, never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValidationError(_("Log entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Log entries cannot be deleted."))


class AuditEvent(AppendOnlyModel):
    """A regulatory or security fact: logins, exports, refusals, transitions.

    ``action`` is a dotted code such as ``accounts.user.suspended`` or ``security.login_failed``.
    ``region_path`` is the place the event concerns, so auditors see the events of their area.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    region_path = models.CharField(_("region path"), max_length=255, blank=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = ScopedManager()
    scope = Scope(region=None, extra=lambda j, user: _audit_scope(j, user))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_username}"


def _audit_scope(jurisdiction, user=None):
    from django.db.models import Q

    from anjian.regions.choices import TOP_LEVELS

    if jurisdiction.region_path and jurisdiction.enterprise_ids is None:
        here = Q(region_path__startswith=jurisdiction.region_path)
        home = getattr(user, "home_region", None)
        if getattr(home, "level", None) in TOP_LEVELS:  # a whole district (or city)
            # Security events that concern no place (a failed sign-in under a username that does
            # not exist) are shown to the auditors of every district and city.
            here |= Q(region_path="", action__startswith="security.")
        return here
    return Q(pk__in=[])


class TransitionLog(AppendOnlyModel):
    """One row per workflow move: who, when, from, to, why. Timeline, statistics and work queue."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("transition"), max_length=50)
    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The record that caused the move, when there is one (an accident raising a grade, a gas
    # alarm suspending a permit): kept by reference and by name, so the row still reads after
    # the source is deleted.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source_repr = models.CharField(_("source"), max_length=200, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    at = models.DateTimeField(_("time"), auto_now_add=True)

    # Read through the record it belongs to (its page checks scope); listed only to administrators.
    objects = ScopedManager()
    scope = Scope(region=None)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "at"], name="core_transition_obj_idx"
            ),
            models.Index(
                fields=["content_type", "to_state", "at"], name="core_transition_state_idx"
            ),
        ]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"
