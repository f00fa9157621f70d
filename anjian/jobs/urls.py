from django.urls import path

from anjian.core import excel_views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", excel_views.job_detail, name="job_detail"),
    path("<uuid:pk>/download/", excel_views.job_download, name="job_download"),
    path("<uuid:pk>/errors/", excel_views.job_errors, name="job_errors"),
]
