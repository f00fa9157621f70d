from django.utils.translation import gettext_lazy as _

from anjian.accounts.forms import OrganizationForm
from anjian.accounts.models import Organization
from anjian.core.excel import Column, Ledger


class OrganizationLedger(Ledger):
    model = Organization
    form_class = OrganizationForm
    key = "name"
    sheet_title = _("Organizations")
    columns = [
        Column("name"),
        Column("short_name"),
        Column("kind"),
        Column("region", lookup="code", alternate_lookups=("name",)),
        Column("parent", lookup="name"),
        Column("phone"),
        Column("address"),
    ]
