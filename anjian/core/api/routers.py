from rest_framework.routers import DefaultRouter

# One router for the whole API; each app's api/urls.py registers its viewsets on it.
router = DefaultRouter()
