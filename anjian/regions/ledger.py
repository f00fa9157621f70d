from django.utils.translation import gettext_lazy as _

from anjian.core.excel import Column, Ledger
from anjian.regions.forms import RegionForm
from anjian.regions.models import Region


class RegionLedger(Ledger):
    model = Region
    form_class = RegionForm
    key = "code"
    sheet_title = _("Regions")
    columns = [
        Column("code"),
        Column("name"),
        Column("level"),
        Column("parent", lookup="code", alternate_lookups=("name",)),
    ]
