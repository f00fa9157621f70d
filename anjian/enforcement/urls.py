from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.enforcement import views
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase

app_name = "enforcement"

urlpatterns = [
    path("totals/", views.TotalsView.as_view(), name="totals"),
    path(
        "<int:pk>/document/<slug:kind>/",
        views.CaseDocumentView.as_view(),
        name="enforcementcase_document",
    ),
    *model_urls(
        EnforcementCase,
        list_view=views.EnforcementCaseListView,
        detail_view=views.EnforcementCaseDetailView,
        create_view=views.EnforcementCaseEditView,
        update_view=views.EnforcementCaseEditView,
        delete_view=views.EnforcementCaseDeleteView,
        transition_view=views.EnforcementCaseTransitionView,
        import_view=views.EnforcementCaseImportView,
        template_view=views.EnforcementCaseImportTemplateView,
    ),
    *model_urls(
        CasePenalty,
        prefix="penalties/",
        list_view=views.CasePenaltyListView,
        detail_view=views.CasePenaltyDetailView,
        create_view=views.CasePenaltyEditView,
        update_view=views.CasePenaltyEditView,
        delete_view=views.CasePenaltyDeleteView,
    ),
    *model_urls(
        CalendarDay,
        prefix="calendar/",
        list_view=views.CalendarDayListView,
        detail_view=views.CalendarDayDetailView,
        create_view=views.CalendarDayEditView,
        update_view=views.CalendarDayEditView,
        delete_view=views.CalendarDayDeleteView,
    ),
]
