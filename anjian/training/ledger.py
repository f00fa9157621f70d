"""Excel ledgers of people and certificates (model.md §11), through core's all-or-nothing import.

ID numbers leave in full only for holders of the reveal permission (an export is audited by the
list view); everyone else gets them masked, as on the pages.
"""

from django.utils.translation import gettext_lazy as _

from anjian.core.excel import Column, Ledger
from anjian.training import rules
from anjian.training.forms import CertificateForm, PersonForm, SpecialCertificateForm
from anjian.training.models import Certificate, Person, SpecialCertificate


class DutiesLedgerMixin:
    def cell_value(self, obj, column: Column):
        if column.field == "duties":
            return rules.duty_labels(obj.duties)
        return super().cell_value(obj, column)


class PersonLedger(DutiesLedgerMixin, Ledger):
    model = Person
    form_class = PersonForm
    key = "id_number"
    # Person.save() moves the person's records to their place, a write for every row: the
    # per-row commit (core.excel.writing).
    write_in_bulk = False
    sheet_title = _("People")
    columns = [
        Column("name"),
        Column("id_number"),
        Column("phone"),
        Column("employer", lookup="uscc", alternate_lookups=("name",)),
        Column("contractor_unit"),
        Column("duties"),
        Column("region", lookup="code", alternate_lookups=("name",)),
    ]

    def cell_value(self, obj, column: Column):
        if column.field == "id_number" and not rules.may_reveal(self.user):
            return obj.masked_id_number
        return super().cell_value(obj, column)

    def normalize_key(self, value) -> str:
        return rules.compact_id_number(str(value or "")).strip()

    def row_warnings(self, obj, ctx):
        # What the person page and the API point out about a valid number (an unknown county).
        return rules.id_number_warnings(obj.id_number)


class CertificateLedger(DutiesLedgerMixin, Ledger):
    model = Certificate
    form_class = CertificateForm
    key = "number"
    sheet_title = _("Certificates")
    columns = [
        Column("number"),
        Column("person", header=_("holder's ID number"), lookup="id_number"),
        Column("kind"),
        Column("duties"),
        Column("issued_on"),
        Column("expires_on"),
        Column("issuer"),
        Column("issuer_kind"),
    ]

    def cell_value(self, obj, column: Column):
        if column.field == "person" and not rules.may_reveal(self.user):
            return obj.person.masked_id_number
        return super().cell_value(obj, column)


class SpecialCertificateLedger(Ledger):
    """Special operation certificates as the enterprises keep them: imported, not issued here."""

    model = SpecialCertificate
    form_class = SpecialCertificateForm
    key = "number"
    sheet_title = _("Special operation certificates")
    columns = [
        Column("person", header=_("holder's ID number"), lookup="id_number"),
        Column("number"),
        Column("category"),
        Column("operation"),
        Column("authority"),
        Column("issued_on"),
        Column("expires_on"),
        Column("review_interval_years"),
        Column("last_reviewed_on"),
    ]

    def cell_value(self, obj, column: Column):
        if column.field == "person" and not rules.may_reveal(self.user):
            return obj.person.masked_id_number
        return super().cell_value(obj, column)
