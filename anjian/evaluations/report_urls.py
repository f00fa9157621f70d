"""The report's URLs, included by ``evaluations/urls.py`` (names under ``evaluations:``)."""

from django.urls import path

from anjian.evaluations import report_views

urlpatterns = [
    path(
        "<int:pk>/document/<slug:kind>/",
        report_views.EvaluationDocumentView.as_view(),
        name="evaluation_document",
    ),
    path(
        "<int:pk>/report/",
        report_views.EvaluationReportPageView.as_view(),
        name="evaluation_report",
    ),
    path("public/", report_views.PublicListView.as_view(), name="public_list"),
    path("public/<int:pk>/", report_views.PublicReportView.as_view(), name="public_report"),
    path(
        "public/<int:pk>/report.docx",
        report_views.PublicReportDocxView.as_view(),
        name="public_report_docx",
    ),
]
