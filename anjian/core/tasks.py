"""Background work of the Excel ledgers, through the Django tasks API.

``run_excel_job`` is the one task: it runs a ``jobs.Job`` (an export to a file, or an import's
check or commit) as its owner and records progress on the job, which the progress page polls. The
database backend works it with ``manage.py db_worker`` (started by ``make run``); with REDIS_URL set
RQ does. ``run_job`` is the plain function the task calls (tests call it directly).
"""

from __future__ import annotations

import logging
import os
import tempfile

from django.core.files import File
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task

from anjian.core import audit

logger = logging.getLogger(__name__)


@task()
def run_excel_job(job_id: str, language: str = "zh-hans") -> None:
    run_job(job_id, language=language)


def enqueue(job, language: str | None = None) -> None:
    """Run ``job`` in the background once the current transaction commits."""
    language = language or translation.get_language() or "zh-hans"
    transaction.on_commit(lambda: run_excel_job.enqueue(str(job.pk), language))


def run_job(job_id, language: str = "zh-hans") -> None:
    from anjian.jobs.models import Job, JobKind, JobStatus

    # Run once: a task delivered twice finds its job already taken.
    if not Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, done=0
    ):
        return
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        with translation.override(language):
            if job.kind == JobKind.EXPORT:
                _export(job)
            else:
                _import(job)
    except Exception as exc:  # the job records the failure; the worker goes on
        logger.exception("Excel job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=str(exc)[:2000], finished_at=timezone.now()
        )


def list_queryset(job):
    """The filtered list the user saw, rebuilt from the list view and its query string."""
    view_class = import_string(job.payload["view"])
    request = RequestFactory().get("/", job.payload.get("query", {}))
    request.user = job.owner
    request.htmx = False
    view = view_class()
    view.setup(request)
    filterset = view.get_filterset(view.get_filterset_class())
    if filterset.is_bound and not filterset.is_valid():
        return view.get_queryset().none()
    return filterset.qs


def _export(job):
    from anjian.jobs.models import JobStatus

    ledger = import_string(job.ledger)(user=job.owner)
    queryset = list_queryset(job)
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        count = ledger.export_to(path, queryset, progress=lambda done: job.progress(done))
        with open(path, "rb") as handle:
            job.file.save(job.file_name or "export.xlsx", File(handle), save=False)
    finally:
        os.unlink(path)
    job.status = JobStatus.DONE
    job.done = job.total = count
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "done", "total", "finished_at"])
    audit.record(
        f"{job.model}.exported",
        actor=job.owner,
        detail={"job": str(job.pk), "rows": count, "background": True},
    )


def _import(job):
    from anjian.core.excel_views import store_result
    from anjian.jobs.models import JobStatus

    ledger = import_string(job.ledger)(user=job.owner)
    parsed = [tuple(item) for item in job.payload["rows"]]
    job.progress(0, len(parsed))
    progress = job.progress
    if job.commit:
        result = ledger.commit(parsed, job.owner, progress)
    else:
        result = ledger.check(parsed, job.owner, progress)
    store_result(job, ledger, result)
    if result.committed:
        job.status = JobStatus.DONE
        job.payload.pop("rows", None)  # written: the rows need not wait any longer
        audit.record(
            f"{job.model}.imported",
            actor=job.owner,
            detail={**result.summary(), "file": job.file_name, "job": str(job.pk)},
        )
    else:
        job.status = JobStatus.CHECKED if result.ok else JobStatus.REJECTED
        if not job.commit:
            audit.record(
                f"{job.model}.import_previewed",
                actor=job.owner,
                detail={**result.summary(), "file": job.file_name, "job": str(job.pk)},
            )
    job.finished_at = timezone.now()
    job.save()
