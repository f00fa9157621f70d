from django.urls import path

from anjian.core import views
from anjian.core.audit_views import AuditEventListView

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("audit/", AuditEventListView.as_view(), name="auditevent_list"),
]
