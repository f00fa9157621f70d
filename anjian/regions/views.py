from anjian.core import views as generic
from anjian.regions.filtersets import RegionFilterSet
from anjian.regions.forms import RegionForm
from anjian.regions.ledger import RegionLedger
from anjian.regions.models import Region
from anjian.regions.tables import RegionTable


class RegionListView(generic.ObjectListView):
    model = Region
    table_class = RegionTable
    filterset_class = RegionFilterSet
    ledger_class = RegionLedger

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


class RegionDetailView(generic.ObjectDetailView):
    model = Region
    fields = ["code", "name", "level", "parent", "path"]


class RegionEditView(generic.ObjectEditView):
    model = Region
    form_class = RegionForm


class RegionDeleteView(generic.ObjectDeleteView):
    model = Region


class RegionImportView(generic.ImportView):
    model = Region
    ledger_class = RegionLedger


class RegionImportTemplateView(generic.ImportTemplateView):
    model = Region
    ledger_class = RegionLedger
