from anjian.core.api.serializers import ScopedModelSerializer
from anjian.regions.models import Region


class RegionSerializer(ScopedModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "parent", "path", "depth"]
        read_only_fields = ["path", "depth"]
