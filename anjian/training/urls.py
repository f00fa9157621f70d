from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.training import views
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)

app_name = "training"

urlpatterns = [
    # Public: no sign-in (linked from the QR code on a printed certificate).
    path("verify/", views.VerifyView.as_view(), name="verify_lookup"),
    # A certificate number may hold "/" (e.g. 江海安培〔2026〕12/3): the whole rest of the path.
    path("verify/<path:number>/", views.VerifyView.as_view(), name="verify"),
    path("people/<int:pk>/reveal/", views.PersonRevealView.as_view(), name="person_reveal"),
    path("attendances/<int:pk>/assess/", views.AssessView.as_view(), name="attendance_assess"),
    path("sessions/<int:pk>/assess/", views.SessionAssessView.as_view(), name="session_assess"),
    path(
        "sessions/<int:pk>/attendees/",
        views.BulkAttendanceView.as_view(),
        name="session_bulk_attendance",
    ),
    path(
        "certificates/<int:pk>/print/",
        views.CertificatePrintView.as_view(),
        name="certificate_print",
    ),
    path("activities/<int:pk>/photo/", views.ActivityPhotoView.as_view(), name="activity_photo"),
    *model_urls(
        Person,
        prefix="people/",
        list_view=views.PersonListView,
        detail_view=views.PersonDetailView,
        create_view=views.PersonEditView,
        update_view=views.PersonEditView,
        delete_view=views.PersonDeleteView,
        import_view=views.PersonImportView,
        template_view=views.PersonImportTemplateView,
    ),
    *model_urls(
        TrainingSession,
        prefix="sessions/",
        list_view=views.TrainingSessionListView,
        detail_view=views.TrainingSessionDetailView,
        create_view=views.TrainingSessionEditView,
        update_view=views.TrainingSessionEditView,
        delete_view=views.TrainingSessionDeleteView,
    ),
    *model_urls(
        Attendance,
        prefix="attendances/",
        list_view=views.AttendanceListView,
        detail_view=views.AttendanceDetailView,
        create_view=views.AttendanceEditView,
        update_view=views.AttendanceEditView,
        delete_view=views.AttendanceDeleteView,
        transition_view=views.AttendanceTransitionView,
    ),
    *model_urls(
        SpecialCertificate,
        prefix="special-certificates/",
        list_view=views.SpecialCertificateListView,
        detail_view=views.SpecialCertificateDetailView,
        create_view=views.SpecialCertificateEditView,
        update_view=views.SpecialCertificateEditView,
        delete_view=views.SpecialCertificateDeleteView,
        import_view=views.SpecialCertificateImportView,
        template_view=views.SpecialCertificateImportTemplateView,
    ),
    *model_urls(
        Certificate,
        prefix="certificates/",
        list_view=views.CertificateListView,
        detail_view=views.CertificateDetailView,
        create_view=views.CertificateEditView,
        update_view=views.CertificateEditView,
        delete_view=views.CertificateDeleteView,
        import_view=views.CertificateImportView,
        template_view=views.CertificateImportTemplateView,
    ),
    *model_urls(
        Drill,
        prefix="drills/",
        list_view=views.DrillListView,
        detail_view=views.DrillDetailView,
        create_view=views.DrillEditView,
        update_view=views.DrillEditView,
        delete_view=views.DrillDeleteView,
    ),
    *model_urls(
        Activity,
        prefix="activities/",
        list_view=views.ActivityListView,
        detail_view=views.ActivityDetailView,
        create_view=views.ActivityEditView,
        update_view=views.ActivityEditView,
        delete_view=views.ActivityDeleteView,
    ),
    *model_urls(
        TrainingValidity,
        prefix="validity/",
        list_view=views.TrainingValidityListView,
        detail_view=views.TrainingValidityDetailView,
        create_view=views.TrainingValidityEditView,
        update_view=views.TrainingValidityEditView,
        delete_view=views.TrainingValidityDeleteView,
    ),
]
