"""Excel jobs: a checked import waiting for its confirmation, and background exports and imports.

A job belongs to the user who started it and to nobody else: every page reads it through
``Job.objects.for_owner(user)`` (a job of another user "does not exist"), so it is not a list in the
access matrix (exempt there, with this reason). A job expires after ``EXCEL_JOB_HOURS``; its file
lives under MEDIA_ROOT/jobs and is removed with it (``manage.py prune_jobs``).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobKind(models.TextChoices):
    EXPORT = "export", _("Excel export")
    IMPORT = "import", _("Excel import")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    CHECKED = "checked", _("Checked, waiting for confirmation")
    REJECTED = "rejected", _("Checked, has bad rows")
    DONE = "done", _("Done")
    FAILED = "failed", pgettext_lazy("job status", "Failed")


class JobQuerySet(models.QuerySet):
    def for_owner(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user, expires_at__gt=timezone.now())


def _expiry():
    return timezone.now() + timedelta(hours=settings.EXCEL_JOB_HOURS)


class Job(models.Model):
    """One Excel export or import of one user, with its progress, rows and result file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="excel_jobs",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=JobKind.choices)
    model = models.CharField(_("model"), max_length=100, help_text=_("app_label.model_name"))
    ledger = models.CharField(_("ledger"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    commit = models.BooleanField(_("write after checking"), default=False)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to="jobs/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=_expiry, db_index=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("Excel job")
        verbose_name_plural = _("Excel jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_job_owner_created")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.model} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if self.status in (JobStatus.DONE, JobStatus.CHECKED, JobStatus.REJECTED):
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status not in (JobStatus.QUEUED, JobStatus.RUNNING)

    def progress(self, done: int, total: int | None = None) -> None:
        """Record progress with one UPDATE (the page polls it)."""
        fields = {"done": done}
        if total is not None:
            fields["total"] = total
        Job.objects.filter(pk=self.pk).update(**fields)
        self.done = done
        if total is not None:
            self.total = total

    def delete(self, *args, **kwargs):
        if self.file:
            self.file.delete(save=False)
        return super().delete(*args, **kwargs)
