"""The pages of the Excel ledgers: export, import (check → preview → confirm) and their jobs.

``core.views`` keeps the declarations (``ObjectListView.export``, ``ImportView``,
``ImportTemplateView``) and delegates here. An import is checked without holding the write lock;
the checked rows wait in a ``jobs.Job`` of the user (so confirming needs no second upload) and the
commit re-validates and writes them in one transaction. Exports and imports of more than
``EXCEL_BACKGROUND_ROWS`` rows run as background tasks; the page shows their progress.
"""

from __future__ import annotations

import io
import tempfile
import uuid
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from anjian.core import audit
from anjian.core.excel import (
    CLEAR_MARKER,
    XLSX_CONTENT_TYPE,
    ImportFileError,
    safe_cell,
    write_rows,
    write_workbook,
)
from anjian.core.tasks import enqueue
from anjian.core.urls_helpers import viewname
from anjian.jobs.models import Job, JobKind, JobStatus

PREVIEW_ROWS = 200  # rows of each kind (bad, changed) the preview page shows; the rest are counted
STORED_CHANGED_ROWS = 500


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def model_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _scrub(text: str) -> str:
    """Reasons never echo a protected value (an ID number) in full, when masking is installed."""
    try:
        from anjian.core import masking
    except ImportError:  # pragma: no cover - masking arrives with the personal-data work
        return text
    return masking.scrub(text)


def _safe_reverse(name, *args):
    from anjian.core.views import safe_reverse

    return safe_reverse(name, *args)


# --- export ---------------------------------------------------------------------------------
def export_response(view, queryset):
    """The whole filtered list as Excel: streamed from a temporary file, or a background job."""
    request = view.request
    model = view.model
    label = model_label(model)
    filters = {k: v for k, v in request.GET.dict().items() if k != "export"}
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{model._meta.model_name}-{stamp}.xlsx"
    threshold = settings.EXCEL_BACKGROUND_ROWS
    large = queryset.order_by()[: threshold + 1].count() > threshold
    if view.ledger_class is not None and large:
        job = Job.objects.create(
            owner=request.user,
            kind=JobKind.EXPORT,
            model=label,
            ledger=view.ledger_class.label(),
            file_name=filename,
            payload={
                "view": f"{type(view).__module__}.{type(view).__qualname__}",
                "query": filters,
            },
        )
        audit.record(
            f"{label}.exported",
            actor=request.user,
            request=request,
            detail={"filters": filters, "job": str(job.pk), "background": True},
        )
        enqueue(job)
        return HttpResponseRedirect(reverse("jobs:job_detail", args=[job.pk]))
    handle = tempfile.TemporaryFile()
    if view.ledger_class is not None:
        view.ledger_class(user=request.user).export_to(handle, queryset)
    else:
        # The list's sort from the query, but no paging: ``request=`` would configure the
        # paginator too, one more COUNT of the whole list for a page the export never shows.
        table = view.get_table_class()(queryset)
        RequestConfig(request, paginate=False).configure(table)
        values = iter(table.as_values())
        headers = next(values)
        write_rows(handle, str(model._meta.verbose_name_plural), headers, values)
    audit.record(
        f"{label}.exported",
        actor=request.user,
        request=request,
        detail={"filters": filters},
    )
    # Up to EXCEL_BACKGROUND_ROWS rows (a few hundred KB): written write-only to a temporary
    # file, answered in one piece; larger lists went to a background job above.
    handle.seek(0)
    response = HttpResponse(handle.read(), content_type=XLSX_CONTENT_TYPE)
    handle.close()
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- import ---------------------------------------------------------------------------------
def store_result(job, ledger, result) -> None:
    """Keep on the job what the preview and the error report show: every bad row, some changes."""
    bad = [
        {"number": r.number, "values": r.values, "errors": [_scrub(str(e)) for e in r.errors]}
        for r in result.bad_rows
    ]
    changed = [
        {
            "number": r.number,
            "is_new": r.is_new,
            "values": r.values,
            "changes": [[str(h), str(b), str(a)] for h, b, a in r.changes],
        }
        for r in result.changed_rows[:STORED_CHANGED_ROWS]
    ]
    # Good rows with something to point out (an ID number's unknown county): shown, not refused.
    warned = [
        {"number": r.number, "values": r.values, "warnings": [_scrub(str(w)) for w in r.warnings]}
        for r in result.warned_rows[:STORED_CHANGED_ROWS]
    ]
    job.payload["result"] = {
        "summary": {**result.summary(), "warned": len(result.warned_rows)},
        "file_errors": [_scrub(str(e)) for e in result.file_errors],
        "bad": bad,
        "changed": changed,
        "warned": warned,
    }
    job.total = job.done = len(result.rows)


def preview_of(job, ledger) -> SimpleNamespace | None:
    stored = job.payload.get("result")
    if not stored:
        return None
    summary = stored["summary"]
    fields = [c.field for c in ledger.columns]

    def row(item):
        values = [item["values"].get(f) for f in fields]
        return SimpleNamespace(
            number=item["number"],
            cells=values,
            errors=item.get("errors", []),
            warnings=item.get("warnings", []),
            is_new=item.get("is_new", False),
            changes=item.get("changes", []),
        )

    bad = [row(i) for i in stored["bad"][:PREVIEW_ROWS]]
    changed = [row(i) for i in stored["changed"][:PREVIEW_ROWS]]
    warned = [row(i) for i in stored.get("warned", [])[:PREVIEW_ROWS]]
    return SimpleNamespace(
        ok=not summary["bad"] and not stored["file_errors"],
        summary=summary,
        file_errors=stored["file_errors"],
        bad_rows=bad,
        changed_rows=changed,
        more_bad=max(0, summary["bad"] - len(bad)),
        more_changed=max(0, summary["created"] + summary["updated"] - len(changed)),
        warned_rows=warned,
        more_warned=max(0, summary.get("warned", 0) - len(warned)),
    )


class ImportFlow:
    """Upload → check (no write lock) → preview of bad rows and changes → confirm → write all."""

    def import_job(self, request, pk):
        return get_object_or_404(
            Job.objects.for_owner(request.user),
            pk=pk,
            kind=JobKind.IMPORT,
            model=model_label(self.model),
        )

    def get(self, request, *args, **kwargs):
        pk = request.GET.get("job")
        if not pk:
            return self.render_to_response(self.get_context_data())
        job = self.import_job(request, _uuid_or_404(pk))
        if request.htmx and request.GET.get("poll"):
            if job.finished:
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"
                return response
            return render(request, "core/import_progress.html", {"job": job})
        return self.render_job(job)

    def render_job(self, job, status=None):
        ledger = self.ledger_class(user=self.request.user)
        preview = preview_of(job, ledger)
        context = {"job": job, "preview": preview, "result": preview}
        if job.status == JobStatus.FAILED:
            context["file_error"] = _("The job failed: %(reason)s") % {"reason": job.message}
        if status is None:
            status = 422 if job.status == JobStatus.REJECTED else 200
        return self.render_to_response(self.get_context_data(**context), status=status)

    def post(self, request, *args, **kwargs):
        ledger = self.ledger_class(user=request.user)
        label = model_label(self.model)
        if request.POST.get("job"):
            return self.confirm(request, ledger, label)
        upload = request.FILES.get("file")
        commit = request.POST.get("confirm") == "1"
        if upload is None:
            return self.file_error(_("Choose an Excel (.xlsx) file to import."))
        try:
            parsed = ledger.read(upload)
        except ImportFileError as exc:
            return self.file_error(str(exc))
        job = Job.objects.create(
            owner=request.user,
            kind=JobKind.IMPORT,
            model=label,
            ledger=self.ledger_class.label(),
            file_name=upload.name[:200],
            payload={"rows": [list(item) for item in parsed]},
            total=len(parsed),
            commit=commit,
        )
        if len(parsed) > settings.EXCEL_BACKGROUND_ROWS:
            enqueue(job)
            return HttpResponseRedirect(f"{request.path}?job={job.pk}")
        result = ledger.check(parsed, request.user)  # no transaction: no write lock held
        if commit and result.ok:  # its related records are not looked up twice
            result = ledger.commit(parsed, request.user, reuse=result)
        return self.finish(job, ledger, result, label)

    def confirm(self, request, ledger, label):
        try:  # malformed, someone else's, expired: it does not exist for this user
            job = self.import_job(request, _uuid_or_404(request.POST["job"]))
        except Http404:
            job = None
        if job is None or job.status != JobStatus.CHECKED or "rows" not in job.payload:
            return self.file_error(
                _("This check has expired or was already imported; check the file again."),
                status=410,
            )
        parsed = [tuple(item) for item in job.payload["rows"]]
        large = len(parsed) > settings.EXCEL_BACKGROUND_ROWS
        # Claim the job: of two confirmations (a double click) exactly one goes on.
        claimed = Job.objects.filter(pk=job.pk, status=JobStatus.CHECKED).update(
            commit=True, status=JobStatus.QUEUED if large else JobStatus.RUNNING, done=0
        )
        if not claimed:
            return self.file_error(
                _("This check has expired or was already imported; check the file again."),
                status=410,
            )
        if large:
            job.refresh_from_db()
            enqueue(job)
            return HttpResponseRedirect(f"{request.path}?job={job.pk}")
        job.commit = True
        result = ledger.commit(parsed, request.user)
        return self.finish(job, ledger, result, label)

    def finish(self, job, ledger, result, label):
        request = self.request
        store_result(job, ledger, result)
        detail = {**result.summary(), "file": job.file_name, "job": str(job.pk)}
        if result.committed:
            job.status = JobStatus.DONE
            job.payload.pop("rows", None)  # written: the rows need not wait any longer
            job.finished_at = timezone.now()
            job.save()
            audit.record(f"{label}.imported", actor=request.user, request=request, detail=detail)
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return HttpResponseRedirect(_safe_reverse(viewname(self.model, "list")) or "/")
        job.status = JobStatus.CHECKED if result.ok else JobStatus.REJECTED
        job.finished_at = timezone.now()
        job.save()
        if not job.commit:
            audit.record(
                f"{label}.import_previewed", actor=request.user, request=request, detail=detail
            )
        return self.render_job(job)

    def file_error(self, message, status=400):
        context = self.get_context_data(file_error=message)
        return self.render_to_response(context, status=status)

    def import_context(self):
        ledger = self.ledger_class(user=self.request.user)
        return {
            "template_url": _safe_reverse(viewname(self.model, "import_template")),
            "headers": ledger.headers(),
            "clear_marker": str(CLEAR_MARKER),
            "max_rows": settings.IMPORT_MAX_ROWS,
            "background_rows": settings.EXCEL_BACKGROUND_ROWS,
        }


def template_response(view):
    content = view.ledger_class(user=view.request.user).template()
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{view.model._meta.model_name}-template.xlsx"
    )
    return response


# --- job pages ------------------------------------------------------------------------------
def _job(request, pk):
    return get_object_or_404(Job.objects.for_owner(request.user), pk=pk)


@login_required
def job_detail(request, pk):
    """A background job's progress (htmx polls it); when done, its file or its preview."""
    job = _job(request, pk)
    if job.kind == JobKind.IMPORT:
        from django.apps import apps

        model = apps.get_model(job.model)
        url = _safe_reverse(viewname(model, "import"))
        return HttpResponseRedirect(f"{url}?job={job.pk}")
    if request.htmx:
        return render(request, "core/import_progress.html", {"job": job})
    return render(request, "core/import_job.html", {"job": job})


@login_required
def job_download(request, pk):
    job = _job(request, pk)
    if job.kind != JobKind.EXPORT or job.status != JobStatus.DONE or not job.file:
        raise Http404
    audit.record(
        f"{job.model}.export_downloaded",
        actor=request.user,
        request=request,
        detail={"job": str(job.pk), "rows": job.total},
    )
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name or "export.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
def job_errors(request, pk):
    """The error report of a checked import: the bad rows as they were, with a problems column."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    job = _job(request, pk)
    stored = job.payload.get("result") if job.kind == JobKind.IMPORT else None
    if not stored or not stored["bad"]:
        raise Http404
    apps.get_model(job.model)
    ledger = import_string(job.ledger)(user=request.user)
    fields = [c.field for c in ledger.columns]
    headers = [_("Row"), _("Problems"), *ledger.headers()]
    rows = (
        [item["number"], "\n".join(item["errors"]), *(item["values"].get(f) for f in fields)]
        for item in stored["bad"]
    )
    buffer = io.BytesIO()
    write_rows(buffer, str(_("Problems")), headers, rows, widths=[8, 60])
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    name = (job.file_name or "import.xlsx").rsplit(".", 1)[0]
    response["Content-Disposition"] = content_disposition_header(True, f"{name}-errors.xlsx")
    return response


__all__ = ["ImportFlow", "export_response", "safe_cell", "template_response", "write_workbook"]
