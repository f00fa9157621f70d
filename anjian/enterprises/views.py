import datetime

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.scoping import jurisdiction_for
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import panels, services
from anjian.enterprises.filtersets import (
    EnterpriseFilterSet,
    EnterpriseMembershipFilterSet,
    GradeFrequencyFilterSet,
    IndustryFilterSet,
    ParkFilterSet,
    SafetyAgreementFilterSet,
)
from anjian.enterprises.forms import (
    EnterpriseContactForm,
    EnterpriseForm,
    EnterpriseMembershipForm,
    GradeFrequencyForm,
    IndustryForm,
    ParkForm,
    SafetyAgreementForm,
)
from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.enterprises.tables import (
    EnterpriseMembershipTable,
    EnterpriseTable,
    GradeFrequencyTable,
    IndustryTable,
    ParkTable,
    SafetyAgreementTable,
)


# --- enterprises --------------------------------------------------------------------------------
class EnterpriseListView(generic.ObjectListView):
    model = Enterprise
    table_class = EnterpriseTable
    filterset_class = EnterpriseFilterSet
    ledger_class = EnterpriseLedger

    def get_queryset(self):
        return super().get_queryset().select_related("region", "industry")


class TenantGapListView(EnterpriseListView):
    """Tenants with no safety agreement with their landlord, or only an expired one."""

    def get_queryset(self):
        return services.tenants_without_valid_agreement(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("Tenants without a valid agreement")
        context["can_add"] = context["can_import"] = False
        return context


class EnterpriseDetailView(generic.ObjectDetailView):
    """The enterprise file (一企一档): the registered panels, the grade actions, the history."""

    model = Enterprise
    template_name = "enterprises/enterprise_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "region",
                "grid",
                "industry",
                "park",
                "landlord",
                "landlord_organization",
                "service_agency",
                "supervising_department",
            )
        )

    def detail_fields(self):
        return []  # the basic-information panel shows them

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels.render_panels(self.object, self.request)
        return context


class EnterpriseEditView(generic.ObjectEditView):
    model = Enterprise

    @property
    def form_class(self):
        # An enterprise's own manager keeps its contacts; where it lies and who serves it are the
        # regulator's to say.
        if "pk" in self.kwargs and jurisdiction_for(self.request.user).enterprise_ids is not None:
            return EnterpriseContactForm
        return EnterpriseForm


class EnterpriseDeleteView(generic.ObjectDeleteView):
    model = Enterprise


class EnterpriseTransitionView(generic.TransitionView):
    """A grade change asks for the day it takes effect (default today, never in the future) and
    goes through ``services.change_grade``, like the API and later apps."""

    model = Enterprise
    template_name = "enterprises/grade_transition.html"

    def post(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "")
        raw = request.POST.get("effective_on", "").strip()
        try:
            effective_on = datetime.date.fromisoformat(raw) if raw else None
        except ValueError:
            context = self.get_context_data(
                reasons=[gettext("Enter the day the grade takes effect as a date.")],
                reason=reason,
            )
            return self.render_to_response(context, status=409)
        try:
            services.change_grade(
                self.object,
                grade=self.transition.target,
                reason=reason,
                actor=request.user,
                request=request,
                effective_on=effective_on,
            )
        except TransitionRefused as refused:
            context = self.get_context_data(
                reasons=refused.reasons, reason=reason, effective_on=effective_on
            )
            return self.render_to_response(context, status=409)
        messages.success(request, gettext("Done: %(action)s.") % {"action": self.transition.label})
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context.setdefault("effective_on", context["today"])
        if context["effective_on"] is None:
            context["effective_on"] = context["today"]
        return context


class EnterpriseImportView(generic.ImportView):
    model = Enterprise
    ledger_class = EnterpriseLedger


class EnterpriseImportTemplateView(generic.ImportTemplateView):
    model = Enterprise
    ledger_class = EnterpriseLedger


# --- parks and agreements -----------------------------------------------------------------------
class ParkListView(generic.ObjectListView):
    model = Park
    table_class = ParkTable
    filterset_class = ParkFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("region", "operator_enterprise", "operator_organization")
        )


class ParkDetailView(generic.ObjectDetailView):
    model = Park
    fields = [
        "name",
        "address",
        "region",
        "operator_enterprise",
        "operator_organization",
        "safety_committee_formed_on",
        "notes",
    ]


class ParkEditView(generic.ObjectEditView):
    model = Park
    form_class = ParkForm


class ParkDeleteView(generic.ObjectDeleteView):
    model = Park


class SafetyAgreementListView(generic.ObjectListView):
    model = SafetyAgreement
    table_class = SafetyAgreementTable
    filterset_class = SafetyAgreementFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("park", "landlord", "landlord_organization", "tenant")
        )


class SafetyAgreementDetailView(generic.ObjectDetailView):
    model = SafetyAgreement
    template_name = "enterprises/agreement_detail.html"
    fields = [
        "kind",
        "park",
        "landlord",
        "landlord_organization",
        "tenant",
        "signed_on",
        "expires_on",
        "notes",
    ]


class SafetyAgreementDocumentView(ScopedFileView):
    """The signed agreement, only to who may see the agreement (404 otherwise), audited."""

    model = SafetyAgreement
    file_field = "document"


class SafetyAgreementEditView(generic.ObjectEditView):
    model = SafetyAgreement
    form_class = SafetyAgreementForm


class SafetyAgreementDeleteView(generic.ObjectDeleteView):
    model = SafetyAgreement


# --- reference tables and accounts --------------------------------------------------------------
class IndustryListView(generic.ObjectListView):
    model = Industry
    table_class = IndustryTable
    filterset_class = IndustryFilterSet


class IndustryDetailView(generic.ObjectDetailView):
    model = Industry
    fields = ["code", "name"]


class IndustryEditView(generic.ObjectEditView):
    model = Industry
    form_class = IndustryForm


class IndustryDeleteView(generic.ObjectDeleteView):
    model = Industry


class GradeFrequencyListView(generic.ObjectListView):
    model = GradeFrequency
    table_class = GradeFrequencyTable
    filterset_class = GradeFrequencyFilterSet


class GradeFrequencyDetailView(generic.ObjectDetailView):
    model = GradeFrequency
    fields = ["grade", "interval_months"]


class GradeFrequencyEditView(generic.ObjectEditView):
    model = GradeFrequency
    form_class = GradeFrequencyForm


class GradeFrequencyDeleteView(generic.ObjectDeleteView):
    model = GradeFrequency


class EnterpriseMembershipListView(generic.ObjectListView):
    model = EnterpriseMembership
    table_class = EnterpriseMembershipTable
    filterset_class = EnterpriseMembershipFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("user", "enterprise")


class EnterpriseMembershipDetailView(generic.ObjectDetailView):
    model = EnterpriseMembership
    fields = ["user", "enterprise", "position", "notes"]


class EnterpriseMembershipEditView(generic.ObjectEditView):
    model = EnterpriseMembership
    form_class = EnterpriseMembershipForm


class EnterpriseMembershipDeleteView(generic.ObjectDeleteView):
    model = EnterpriseMembership
