from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from anjian.accounts.api.views import OrganizationViewSet, UserViewSet
from anjian.core.api.routers import router

router.register("organizations", OrganizationViewSet, basename="organization")
router.register("users", UserViewSet, basename="user")

# Included at /api/auth/token/: POST username and password, receive a token for the API.
urlpatterns = [path("", obtain_auth_token, name="api-token")]
