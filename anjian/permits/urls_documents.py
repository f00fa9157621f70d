"""The URL patterns of the permit's generated documents, included by ``permits/urls.py``."""

from django.urls import path

from anjian.permits.views_documents import PermitDocumentView, PermitPrintView

urlpatterns = [
    path("permits/<int:pk>/print/", PermitPrintView.as_view(), name="permit_print"),
    path(
        "permits/<int:pk>/document/<slug:kind>/",
        PermitDocumentView.as_view(),
        name="permit_document",
    ),
]
