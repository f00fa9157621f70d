from django.urls import path

from anjian.accounts.api.views import ObtainTokenView, OrganizationViewSet, UserViewSet
from anjian.core.api.routers import router

router.register("organizations", OrganizationViewSet, basename="organization")
router.register("users", UserViewSet, basename="user")

# Included at /api/auth/token/: POST username and password, receive a token for the API (through
# the sign-in lock-out); DELETE with the token revokes it.
urlpatterns = [path("", ObtainTokenView.as_view(), name="api-token")]
