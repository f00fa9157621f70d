from anjian.core.api.routers import router
from anjian.regions.api.views import RegionViewSet

router.register("regions", RegionViewSet, basename="region")
