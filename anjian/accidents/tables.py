import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.core.tables import BaseTable, NumberColumn


def _link(name):
    return (f"accidents:{name}_detail", [tables.A("pk")])


class AccidentTable(BaseTable):
    name = tables.Column(linkify=_link("accident"))
    direct_loss = NumberColumn()

    secondary_columns = ("place", "injuries", "direct_loss")

    class Meta(BaseTable.Meta):
        model = Accident
        fields = [
            "name",
            "occurred_at",
            "enterprise",
            "place",
            "kind",
            "deaths",
            "serious_injuries",
            "injuries",
            "direct_loss",
            "level",
        ]


class InvestigationTable(BaseTable):
    accident = tables.Column(linkify=_link("investigation"))

    class Meta(BaseTable.Meta):
        model = Investigation
        fields = [
            "accident",
            "due_on",
            "extended_due_on",
            "approved_by",
            "approved_on",
            "approval_number",
        ]


class AccountabilityItemTable(BaseTable):
    subject = tables.Column(
        verbose_name=_("subject"),
        empty_values=(),
        orderable=False,
        linkify=_link("accountabilityitem"),
    )
    amount = NumberColumn()

    class Meta(BaseTable.Meta):
        model = AccountabilityItem
        fields = [
            "accident",
            "subject",
            "track",
            "executing_organization",
            "outcome_on",
            "document_number",
            "amount",
            "status",
        ]

    secondary_columns = ("executing_organization", "document_number", "amount")

    def render_subject(self, value, record):
        return record.subject_name

    def value_subject(self, value, record):
        return record.subject_name


class CriminalStepTable(BaseTable):
    step = tables.Column(linkify=_link("criminalstep"))

    class Meta(BaseTable.Meta):
        model = CriminalStep
        fields = ["item", "step", "on", "measure", "document_number", "body"]


class AccountabilityEvidenceTable(BaseTable):
    caption = tables.Column(linkify=_link("accountabilityevidence"), empty_values=())

    class Meta(BaseTable.Meta):
        model = AccountabilityEvidence
        fields = ["item", "caption"]

    def render_caption(self, value, record):
        return str(record)


class RecommendationTable(BaseTable):
    number = tables.Column(linkify=_link("recommendation"))

    class Meta(BaseTable.Meta):
        model = Recommendation
        fields = ["accident", "number", "text"]


class RecommendationAssignmentTable(BaseTable):
    assignee = tables.Column(
        verbose_name=_("assigned to"),
        empty_values=(),
        orderable=False,
        linkify=_link("recommendationassignment"),
    )

    class Meta(BaseTable.Meta):
        model = RecommendationAssignment
        fields = ["recommendation", "assignee"]

    def render_assignee(self, value, record):
        return str(record.assignee)

    def value_assignee(self, value, record):
        return str(record.assignee)


class ImplementationProgressTable(BaseTable):
    reported_on = tables.Column(linkify=_link("implementationprogress"))

    class Meta(BaseTable.Meta):
        model = ImplementationProgress
        fields = ["assignment", "reported_on", "text"]


class AccidentLevelThresholdTable(BaseTable):
    level = tables.Column(linkify=_link("accidentlevelthreshold"))
    min_direct_loss = NumberColumn()

    class Meta(BaseTable.Meta):
        model = AccidentLevelThreshold
        fields = ["level", "min_deaths", "min_serious_injuries", "min_direct_loss"]
