"""Pages of inspections: the list, the record with its checklist walked item by item (phone first:
one card per item, large result buttons, note and photo, "record as hazard" on a failed item),
the plan form, the moves, the Word documents; campaigns with their progress and the button that
plans their tasks; checklist templates (versioned) and legal bases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from anjian.core import views as generic
from anjian.core.documents import DocumentView
from anjian.core.file_views import ScopedFileView
from anjian.core.scoping import is_visible
from anjian.inspections import documents, rules, services
from anjian.inspections.choices import InspectionKind, InspectionStatus, ItemResult
from anjian.inspections.filtersets import (
    CampaignFilterSet,
    ChecklistTemplateFilterSet,
    InspectionFilterSet,
    LegalBasisFilterSet,
)
from anjian.inspections.forms import (
    CampaignForm,
    ChecklistItemFormSet,
    ChecklistTemplateForm,
    InspectionForm,
    ItemResultForm,
    LegalBasisForm,
)
from anjian.inspections.models import (
    Campaign,
    ChecklistTemplate,
    Inspection,
    InspectionItem,
    LegalBasis,
)
from anjian.inspections.tables import (
    CampaignTable,
    ChecklistTemplateTable,
    InspectionTable,
    LegalBasisTable,
    status_badge_of,
)


# --- inspections ----------------------------------------------------------------------------------
class InspectionListView(generic.ObjectListView):
    model = Inspection
    table_class = InspectionTable
    filterset_class = InspectionFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "campaign")


class InspectionDetailView(generic.ObjectDetailView):
    model = Inspection
    template_name = "inspections/inspection_detail.html"
    fields = [
        "kind",
        "enterprise",
        "template",
        "permit",
        "campaign",
        "follow_up_of",
        "planned_on",
        "inspected_on",
        "inspector_names",
        "present_name",
        "rectify_by",
        "findings",
        "notes",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "enterprise", "template", "permit__space", "campaign", "follow_up_of__enterprise"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection = self.object
        user = self.request.user
        items = list(
            inspection.items.select_related("checklist_item__legal_basis", "hazard").order_by(
                "order", "id"
            )
        )
        walking = (
            inspection.status == InspectionStatus.IN_PROGRESS
            and is_visible(inspection, user, "change")
            and user.has_perm("inspections.change_inspectionitem")
        )
        context.update(
            {
                "status_badge": status_badge_of(inspection),
                "items": items,
                "walking": walking,
                "can_raise": walking and user.has_perm("hazards.add_hazard"),
                "counts": services.item_counts(inspection),
                "results": [c for c in ItemResult.choices if c[0] != ItemResult.PENDING],
                "documents": [
                    (
                        k.kind,
                        k.label,
                        reverse("inspections:inspection_document", args=[inspection.pk, k.kind]),
                    )
                    for k in documents.KINDS
                ],
            }
        )
        if inspection.permit_id and inspection.kind == InspectionKind.PERMIT_SPOT_CHECK:
            from anjian.permits.views.common import readiness_context

            context.update(readiness_context(inspection.permit))
            context["readiness_url"] = reverse(
                "permits:permit_readiness", args=[inspection.permit_id]
            )
        return context


class InspectionEditView(generic.ObjectEditView):
    model = Inspection
    form_class = InspectionForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if data is None and self.object is None:
            for name in ("enterprise", "permit", "campaign", "follow_up_of", "template"):
                value = self.request.GET.get(name, "")
                if value.isdigit():
                    form.initial[name] = int(value)
            kind = self.request.GET.get("kind", "")
            if kind in InspectionKind.values:
                form.initial["kind"] = kind
        return form


class InspectionDeleteView(generic.ObjectDeleteView):
    model = Inspection


class InspectionTransitionView(generic.TransitionView):
    model = Inspection


class InspectionDocumentView(DocumentView):
    model = Inspection
    kinds = documents.KINDS


class ItemActionMixin(generic.ScopedViewMixin, View):
    """A POST about one item of an inspection the user may change (404 out of scope, 403
    read-only); answers with the inspection page at the item."""

    model = InspectionItem
    action = "change"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        self.object = self.get_object()
        if not is_visible(self.object.inspection, request.user, "change"):
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        url = reverse("inspections:inspection_detail", args=[self.object.inspection_id])
        return HttpResponseRedirect(f"{url}#item-{self.object.pk}")


class ItemRecordView(ItemActionMixin):
    """``items/<pk>/record/``: the result (the button pressed), the note and the photo."""

    def post(self, request, *args, **kwargs):
        form = ItemResultForm(request.POST, request.FILES, instance=self.object)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.back()
        try:
            services.record_item(
                self.object,
                actor=request.user,
                result=form.cleaned_data.get("result") or None,
                note=form.cleaned_data.get("note"),
                photo=request.FILES.get("photo"),
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return self.back()


class ItemHazardView(ItemActionMixin):
    """``items/<pk>/hazard/``: record the failed item as a hazard, in one step."""

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("hazards.add_hazard"):
            raise PermissionDenied(_("You do not have permission to do this."))
        try:
            with transaction.atomic():
                raised = services.raise_hazard(self.object, actor=request.user, request=request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.back()
        if raised.created:
            messages.success(
                request,
                _("Hazard %(number)s recorded.") % {"number": raised.hazard.number},
            )
        return self.back()


class ItemPhotoView(ScopedFileView):
    model = InspectionItem
    file_field = "photo"


# --- campaigns ------------------------------------------------------------------------------------
class CampaignListView(generic.ObjectListView):
    model = Campaign
    table_class = CampaignTable
    filterset_class = CampaignFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class CampaignDetailView(generic.ObjectDetailView):
    model = Campaign
    template_name = "inspections/campaign_detail.html"
    fields = [
        "name",
        "topic",
        "region",
        "starts_on",
        "ends_on",
        "template",
        "grades",
        "with_confined_spaces",
        "organizer",
        "notes",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("region", "template")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        user = self.request.user
        context["progress"] = services.campaign_progress(campaign)
        context["industries"] = list(campaign.industries.all())
        context["can_plan"] = is_visible(campaign, user, "change") and user.has_perm(
            "inspections.add_inspection"
        )
        context["inspections_url"] = (
            reverse("inspections:inspection_list") + f"?campaign={campaign.pk}"
        )
        return context


class CampaignEditView(generic.ObjectEditView):
    model = Campaign
    form_class = CampaignForm


class CampaignDeleteView(generic.ObjectDeleteView):
    model = Campaign


class CampaignTasksView(generic.ScopedViewMixin, View):
    """``campaigns/<pk>/tasks/``: plan one inspection per enterprise in scope (idempotent)."""

    model = Campaign
    action = "change"

    def post(self, request, *args, **kwargs):
        self.check_model_permission()
        if not request.user.has_perm("inspections.add_inspection"):
            raise PermissionDenied(_("You do not have permission to do this."))
        campaign = self.get_object()
        try:
            created = services.create_tasks(campaign, actor=request.user, request=request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(n)s inspection task(s) planned.") % {"n": created})
        return redirect("inspections:campaign_detail", pk=campaign.pk)


# --- checklist templates --------------------------------------------------------------------------
class ChecklistTemplateListView(generic.ObjectListView):
    model = ChecklistTemplate
    table_class = ChecklistTemplateTable
    filterset_class = ChecklistTemplateFilterSet


class ChecklistTemplateDetailView(generic.ObjectDetailView):
    model = ChecklistTemplate
    template_name = "inspections/checklisttemplate_detail.html"
    fields = ["code", "name", "kind", "version", "is_current", "description", "active", "notes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        template = self.object
        context["lines"] = list(template.items.select_related("legal_basis"))
        context["versions"] = list(
            ChecklistTemplate.objects.filter(code=template.code).order_by("-version")
        )
        if not template.is_current:
            context["can_change"] = None
        return context


class ChecklistTemplateEditView(generic.ObjectEditView):
    """The template and its lines on one page; once walked, saving makes the next version."""

    model = ChecklistTemplate
    form_class = ChecklistTemplateForm
    template_name = "inspections/checklisttemplate_form.html"

    def get_formset(self, data=None):
        return ChecklistItemFormSet(
            data,
            instance=self.object or ChecklistTemplate(),
            prefix="items",
            form_kwargs={"user": self.request.user},
        )

    def get(self, request, *args, **kwargs):
        if self.object is not None and not self.object.is_current:
            messages.error(request, _("Only the current version of a checklist can be edited."))
            return redirect("inspections:checklisttemplate_detail", pk=self.object.pk)
        return self.render_to_response(
            self.get_context_data(form=self.get_form(), formset=self.get_formset())
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        formset = self.get_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            items = [
                {**f.cleaned_data, "id": f.instance.pk}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            for row in items:
                row.pop("DELETE", None)
                row.pop("template", None)
            try:
                if self.object is None:
                    with transaction.atomic():
                        template = form.save()
                        services.save_template(
                            template,
                            actor=request.user,
                            fields={},
                            items=[{**row, "id": None} for row in items],
                            request=request,
                        )
                else:
                    fields = {k: v for k, v in form.cleaned_data.items() if k != "code"}
                    template = services.save_template(
                        self.object, actor=request.user, fields=fields, items=items, request=request
                    )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                if self.object is not None and template.pk != self.object.pk:
                    messages.success(
                        request,
                        _("Saved as version %(version)s; inspections keep the version they walked.")
                        % {"version": template.version},
                    )
                return redirect("inspections:checklisttemplate_detail", pk=template.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class ChecklistTemplateDeleteView(generic.ObjectDeleteView):
    model = ChecklistTemplate


# --- legal bases ----------------------------------------------------------------------------------
class LegalBasisListView(generic.ObjectListView):
    model = LegalBasis
    table_class = LegalBasisTable
    filterset_class = LegalBasisFilterSet


class LegalBasisDetailView(generic.ObjectDetailView):
    model = LegalBasis


class LegalBasisEditView(generic.ObjectEditView):
    model = LegalBasis
    form_class = LegalBasisForm


class LegalBasisDeleteView(generic.ObjectDeleteView):
    model = LegalBasis


__all__ = ["rules"]
