"""Public reports without signing in: ``/report/`` and the QR entries, and the tracking page."""

from django.urls import path

from anjian.hazards import views_public

app_name = "hazards_public"

urlpatterns = [
    path("", views_public.PublicReportView.as_view(), name="report"),
    path("e/<str:code>/", views_public.PublicReportView.as_view(), name="report_enterprise"),
    path("s/<str:token>/", views_public.PublicReportView.as_view(), name="report_space"),
    path("track/", views_public.PublicTrackView.as_view(), name="track_form"),
    path("track/<str:code>/", views_public.PublicTrackView.as_view(), name="track"),
]
