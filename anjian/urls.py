from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from anjian.core.api.routers import router
from anjian.core.views import healthz

# Each app's api/urls.py registers its viewsets on the shared router when imported;
# a new app adds its name here.
API_APPS = [
    "regions",
    "accounts",
    "enterprises",
    "spaces",
    "training",
    "permits",
    "hazards",
    "inspections",
    "enforcement",
    "accidents",
    "evaluations",
]
api_modules = {app: import_module(f"anjian.{app}.api.urls") for app in API_APPS}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/auth/token/", include(api_modules["accounts"])),
    path("api/", include(router.urls)),
    path("accounts/", include("anjian.accounts.urls")),
    path("regions/", include("anjian.regions.urls")),
    path("enterprises/", include("anjian.enterprises.urls")),
    path("spaces/", include("anjian.spaces.urls")),
    path("s/", include("anjian.spaces.public_urls")),
    path("training/", include("anjian.training.urls")),
    path("hazards/", include("anjian.hazards.urls")),
    path("report/", include("anjian.hazards.public_urls")),
    path("inspections/", include("anjian.inspections.urls")),
    path("evaluations/", include("anjian.evaluations.urls")),
    path("enforcement/", include("anjian.enforcement.urls")),
    path("accidents/", include("anjian.accidents.urls")),
    # Confined-space work: every path starts with permits/ (the documents' routes sit beside).
    path("", include("anjian.permits.urls")),
    path("jobs/", include("anjian.jobs.urls")),
    path("", include("anjian.core.urls")),
]
