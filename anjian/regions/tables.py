import django_tables2 as tables

from anjian.core.tables import BaseTable
from anjian.regions.models import Region


class RegionTable(BaseTable):
    name = tables.Column(linkify=True)
    parent = tables.Column()

    class Meta(BaseTable.Meta):
        model = Region
        fields = ["code", "name", "level", "parent"]
