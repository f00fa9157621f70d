"""The evaluation report: the Word download (internal and public version), the same report as a
page, and the public listing of published evaluations and investigation reports.

Everything is generated from the records through ``report.gather``; nothing is typed twice. The
internal pages go through ``restrict(user, "view")`` like every record; the public pages need no
sign-in and show only evaluations whose status is *published* (never a draft), always in their
public version (the ``DisclosurePolicy`` masking, no ID or phone number), and investigation reports
that have been published (a publication date)."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from anjian.core.documents import DocumentKind, DocumentView, document_response
from anjian.core.views import ScopedViewMixin
from anjian.evaluations.choices import EvaluationStatus
from anjian.evaluations.models import Evaluation
from anjian.evaluations.report import text
from anjian.evaluations.report.gather import gather
from anjian.evaluations.report.word import layout


def build_report(evaluation, *, user) -> object:
    return layout(gather(evaluation, user=user))


def build_public_report(evaluation, *, user=None) -> object:
    return layout(gather(evaluation, user=user, public=True))


REPORT_KINDS = (
    DocumentKind("report", gettext_lazy("Evaluation report"), build_report),
    DocumentKind("public", gettext_lazy("Evaluation report (public version)"), build_public_report),
)


class EvaluationDocumentView(DocumentView):
    """``/evaluations/<pk>/document/<kind>/``: the report (``report``) or its public version
    (``public``) as Word, for a user who may view the evaluation."""

    model = Evaluation
    action = "view"
    kinds = REPORT_KINDS


class EvaluationReportPageView(ScopedViewMixin, TemplateView):
    """``/evaluations/<pk>/report/``: the report as a page (``?public=1``: the public version)."""

    model = Evaluation
    action = "view"
    template_name = "evaluations/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.get_object()
        public = self.request.GET.get("public") == "1"
        facts = gather(evaluation, user=self.request.user, public=public)
        context.update(
            object=evaluation,
            public=public,
            blocks=text.blocks(facts),
            download_url=reverse(
                "evaluations:evaluation_document",
                args=[evaluation.pk, "public" if public else "report"],
            ),
            detail_url=reverse("evaluations:evaluation_detail", args=[evaluation.pk]),
        )
        return context


def published_evaluations():
    return (
        Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED)
        .select_related("accident", "organizer")
        .order_by("-published_on", "-id")
    )


def published_investigations():
    from anjian.accidents.models import Investigation

    return (
        Investigation.objects.filter(published_on__isnull=False)
        .select_related("accident")
        .order_by("-published_on", "-id")
    )


class PublicListView(TemplateView):
    """``/evaluations/public/`` (no sign-in): the published evaluation reports and the published
    investigation reports — the accident's name, the dates, the links. Nothing else."""

    template_name = "evaluations/public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evaluations"] = [
            {
                "pk": evaluation.pk,
                "accident": evaluation.accident.name,
                "organizer": evaluation.organizer.name,
                "published_on": evaluation.published_on,
            }
            for evaluation in published_evaluations()[:200]
        ]
        context["investigations"] = [
            {
                "accident": investigation.accident.name,
                "approved_by": investigation.approved_by,
                "approval_number": investigation.approval_number,
                "published_on": investigation.published_on,
                "url": investigation.published_url,
            }
            for investigation in published_investigations()[:200]
        ]
        return context


def _published(pk) -> Evaluation:
    evaluation = published_evaluations().filter(pk=pk).first()
    if evaluation is None:
        raise Http404(_("No such record."))
    return evaluation


class PublicReportView(TemplateView):
    """``/evaluations/public/<pk>/`` (no sign-in): a published evaluation's public version."""

    template_name = "evaluations/public_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = _published(kwargs["pk"])
        context["blocks"] = text.blocks(gather(evaluation, public=True))
        context["download_url"] = reverse("evaluations:public_report_docx", args=[evaluation.pk])
        context["list_url"] = reverse("evaluations:public_list")
        return context


class PublicReportDocxView(TemplateView):
    """``/evaluations/public/<pk>/report.docx`` (no sign-in): the public version as Word."""

    def get(self, request, *args, **kwargs):
        return document_response(build_public_report(_published(kwargs["pk"])))
