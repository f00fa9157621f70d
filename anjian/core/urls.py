from django.urls import path

from anjian.core import views
from anjian.core.audit_views import AuditEventListView
from anjian.core.autocomplete import autocomplete

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("audit/", AuditEventListView.as_view(), name="auditevent_list"),
    path("autocomplete/<str:label>/", autocomplete, name="autocomplete"),
]
