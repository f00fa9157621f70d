"""Generic pages every app's views are declarations of.

Each view reads rows only through ``Model.objects.restrict(user, action)``: a record outside the
user's jurisdiction answers 404 (it "does not exist" for them), a record they may see but not change
answers 403, and both refusals are written to the audit log. Writes re-check, inside the same
transaction, that the saved record is still within the user's reach.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterMixin
from django_tables2 import SingleTableMixin

from anjian.core import audit, excel_views, masking, navigation
from anjian.core.pagination import CappedPaginator
from anjian.core.scoping import is_visible, jurisdiction_for, permission_name
from anjian.core.urls_helpers import viewname
from anjian.core.workflow import TransitionRefused, perform, timeline


def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def safe_reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class ScopedViewMixin(LoginRequiredMixin):
    """Rows come only from ``restrict(user, action)``; refusals are audited."""

    model = None
    action = "view"

    def scoped_queryset(self, action=None):
        return self.model._default_manager.restrict(self.request.user, action or self.action)

    def get_queryset(self):
        return self.scoped_queryset()

    def check_model_permission(self, action=None):
        perm = permission_name(self.model, action or self.action)
        if not self.request.user.has_perm(perm):
            audit.record(
                "security.access_refused",
                actor=self.request.user,
                request=self.request,
                detail={"path": self.request.path, "permission": perm},
            )
            raise PermissionDenied(_("You do not have permission to do this."))

    def get_object(self, queryset=None):
        pk = self.kwargs["pk"]
        obj = self.get_queryset().filter(pk=pk).first()
        if obj is not None:
            return obj
        # Not reachable for this action: tell apart "may see but not change" (403) from
        # "outside the jurisdiction or absent" (404), and audit the refusal either way.
        exists = self.model._base_manager.filter(pk=pk).first()
        if exists is not None:
            audit.record(
                "security.access_refused",
                actor=self.request.user,
                obj=exists,
                request=self.request,
                detail={"path": self.request.path, "action": self.action},
            )
            if self.action != "view" and is_visible(exists, self.request.user, "view"):
                raise PermissionDenied(_("You do not have permission to do this."))
        raise Http404(_("No such record."))

    def model_context(self):
        opts = self.model._meta
        user = self.request.user
        obj = getattr(self, "object", None)
        return {
            "detail_url": safe_reverse(viewname(self.model, "detail"), obj.pk)
            if obj is not None and obj.pk
            else None,
            "opts": opts,
            "verbose_name": opts.verbose_name,
            "verbose_name_plural": opts.verbose_name_plural,
            "list_url": safe_reverse(viewname(self.model, "list")),
            "can_add": user.has_perm(permission_name(self.model, "add"))
            and safe_reverse(viewname(self.model, "add")),
            "can_import": user.has_perm(permission_name(self.model, "add"))
            and safe_reverse(viewname(self.model, "import")),
        }


def default_order(queryset):
    """The model's Meta.ordering even where Django drops it (a list annotated with a count groups
    rows, and Django orders grouped queries only when asked): sessions stay newest first."""
    if not queryset.ordered and queryset.model._meta.ordering:
        return queryset.order_by(*queryset.model._meta.ordering)
    return queryset


# The largest slice that is a page of a list (200 rows and the one more that tells whether a
# next page exists); a larger slice (the capped count, an export's batch) is left as it is.
PAGE_SLICE_MAX = 201


class _PageBeforeJoin:
    """A queryset whose page is cut before the related rows are joined.

    ``qs[bottom:top]`` of a page becomes ``qs.filter(pk__in=<qs without select_related, pk only,
    ORDER BY … LIMIT/OFFSET>)``: the database orders and cuts the rows in reach on the table alone,
    then joins only the page's rows to their related rows. Without it PostgreSQL joins every row in
    reach (a village's 500 certificates to their holders) before its top-N sort: the cost of a
    page followed the size of the reach instead of the page (issue 9).
    """

    def __getitem__(self, k):
        if (
            isinstance(k, slice)
            and self._result_cache is None
            and self.query.select_related
            and not self.query.distinct
            and self.query.group_by is None
            and not self.query.is_sliced
            and k.stop is not None
            and k.stop - (k.start or 0) <= PAGE_SLICE_MAX
            and k.step is None
        ):
            page = self.select_related(None).values("pk")[k]
            return self.filter(pk__in=page)
        return super().__getitem__(k)


@functools.cache
def _page_before_join_class(queryset_class):
    return type(f"PageBeforeJoin{queryset_class.__name__}", (_PageBeforeJoin, queryset_class), {})


def page_before_join(queryset):
    """``queryset`` (same rows, same order) whose page slices join related rows after the cut."""
    if isinstance(queryset, _PageBeforeJoin):
        return queryset
    clone = queryset.all()
    clone.__class__ = _page_before_join_class(type(queryset))
    return clone


class ObjectListView(ScopedViewMixin, SingleTableMixin, FilterMixin, TemplateView):
    """A filtered, sortable, paginated list; the same URL serves the htmx partial and the export."""

    template_name = "core/object_list.html"
    table_class = None
    filterset_class = None
    ledger_class = None
    paginate_by = 25
    table_pagination = {"paginator_class": CappedPaginator}
    # True: a page's rows are ordered and cut on the list's own table before the related rows
    # (``select_related``) are joined (``page_before_join``) — for big tables whose list shows a
    # related column, so a page costs its 25 rows, not every row in the user's reach.
    page_before_join = False

    def get(self, request, *args, **kwargs):
        self.check_model_permission("view")
        filterset_class = self.get_filterset_class()
        self.filterset = self.get_filterset(filterset_class)
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = self.get_queryset().none()
        else:
            self.object_list = self.filterset.qs
        self.object_list = default_order(self.object_list)
        if request.GET.get("export") == "xlsx":
            return self.export(self.object_list)
        if self.page_before_join:
            self.object_list = page_before_join(self.object_list)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
            response = render(request, f"{self.template_name}#results", context)
        else:
            response = self.render_to_response(context)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_table_kwargs(self):
        # No ``request`` here: a table built with one paginates itself at once with Django's own
        # Paginator — a full COUNT of the list. SingleTableMixin.get_table configures it with the
        # request and the CappedPaginator right after (and sets ``table.request``).
        return {}

    def get_table(self, **kwargs):
        # django-tables2 reads ?per_page= itself with int(): -5 or 0 would reach the paginator (a
        # 500). It sees only a whole number from 1 to 200, or none (the default page size).
        per_page = self.request.GET.get("per_page")
        if per_page is not None and not (per_page.isdigit() and 1 <= int(per_page) <= 200):
            self.request.GET = self.request.GET.copy()
            if per_page.isdigit() and int(per_page) > 200:
                self.request.GET["per_page"] = "200"
            else:
                del self.request.GET["per_page"]
        return super().get_table(**kwargs)

    def get_table_pagination(self, table):
        pagination = super().get_table_pagination(table)
        if pagination is False:
            return pagination
        per_page = self.request.GET.get("per_page")
        if per_page and per_page.isdigit():
            pagination["per_page"] = min(max(int(per_page), 1), 200)
        return pagination

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_query"] = query.urlencode()
        return context

    def export(self, queryset):
        """The whole filtered list (not one page) as an Excel file; the export is audited. Small
        lists stream at once; large ones run as a background job with a progress page."""
        return excel_views.export_response(self, queryset)


class ObjectDetailView(ScopedViewMixin, TemplateView):
    """A record's header, fields, available actions and timeline of transitions and changes."""

    template_name = "core/object_detail.html"
    fields: list[str] = []  # field names shown in the card; default: all concrete fields

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def detail_fields(self):
        names = self.fields or [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name not in {"id", "password", "notes"}
        ]
        rows = []
        for name in names:
            field = self.model._meta.get_field(name)
            display = getattr(self.object, f"get_{name}_display", None)
            value = display() if display and field.choices else getattr(self.object, name)
            label = getattr(self.model, "display_labels", {}).get(name, field.verbose_name)
            rows.append((label, masking.mask_always(self.model, name, value)))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        context.update(self.model_context())
        context["object"] = obj
        context["detail_fields"] = self.detail_fields()
        context["can_change"] = is_visible(obj, user, "change") and safe_reverse(
            viewname(self.model, "edit"), obj.pk
        )
        context["can_delete"] = is_visible(obj, user, "delete") and safe_reverse(
            viewname(self.model, "delete"), obj.pk
        )
        workflow = getattr(self.model, "workflow", None)
        if workflow is not None:
            context["transitions"] = [
                (t, reverse(viewname(self.model, "transition"), args=[obj.pk, t.name]))
                for t in workflow.available(obj, user)
            ]
            context["timeline"] = labelled_timeline(obj, workflow)
        context["history"] = field_history(obj)
        return context


def labelled_timeline(obj, workflow):
    """The record's transition rows with readable labels for the move and the states."""
    field = obj._meta.get_field(workflow.field)
    states = {str(value): str(label) for value, label in field.flatchoices}
    entries = list(timeline(obj).select_related("actor"))
    for entry in entries:
        transition = workflow.get(entry.transition)
        entry.label = str(transition.label) if transition else entry.transition
        entry.from_label = states.get(entry.from_state, entry.from_state)
        entry.to_label = states.get(entry.to_state, entry.to_state)
    return entries


def field_history(obj, limit: int = 50):
    """The newest history records, each with ``changes``: [(field label, before, after)]."""
    if not hasattr(obj, "history"):
        return []
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    excluded = {"password", "last_login", "updated_at", "created_at"}
    for index, record in enumerate(records[:limit]):
        record.changes = []
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is None:
            continue
        for change in record.diff_against(previous).changes:
            if change.field in excluded:
                continue
            try:
                label = obj._meta.get_field(change.field).verbose_name
            except Exception:  # a field since removed from the model
                label = change.field
            model = type(obj)
            record.changes.append(
                (
                    label,
                    masking.mask_always(model, change.field, change.old),
                    masking.mask_always(model, change.field, change.new),
                )
            )
    return records[:limit]


class ObjectEditView(ScopedViewMixin, TemplateView):
    """Create (no pk) or update (pk) a record through its form; re-checks scope after saving."""

    template_name = "core/object_form.html"
    form_class = None

    @property
    def action(self):
        return "change" if "pk" in self.kwargs else "add"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        self.object = self.get_object() if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, files=files, instance=self.object, user=self.request.user)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = form.save()
                    if not is_visible(obj, request.user, "view"):
                        raise OutsideJurisdiction
            except OutsideJurisdiction:
                form.add_error(None, _("The record would lie outside your jurisdiction."))
            except IntegrityError:
                form.add_error(None, _("The record conflicts with an existing one."))
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(self.success_url(obj))
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def success_url(self, obj):
        return safe_reverse(viewname(self.model, "detail"), obj.pk) or safe_reverse(
            viewname(self.model, "list")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        context["object"] = self.object
        return context


class OutsideJurisdiction(Exception):
    pass


class ObjectDeleteView(ScopedViewMixin, TemplateView):
    template_name = "core/object_confirm_delete.html"
    action = "delete"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                self.object._history_user = request.user
                self.object.delete()
        except (ProtectedError, RestrictedError) as exc:
            from anjian.core.api.exceptions import blocking_names

            context = self.get_context_data(object=self.object, blocked_by=blocking_names(exc))
            return self.render_to_response(context, status=409)
        messages.success(request, _("Deleted."))
        return HttpResponseRedirect(safe_reverse(viewname(self.model, "list")) or "/")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        return context


class TransitionView(ScopedViewMixin, TemplateView):
    """The one page for every workflow move: confirm (with a reason), perform, or explain why not.

    No permission for the move answers 403 before any record is looked up; a record outside the
    user's jurisdiction answers 404; a move the rules refuse answers 409 with every reason.
    """

    template_name = "core/transition.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        workflow = self.model.workflow
        self.transition = workflow.get(kwargs["transition"])
        if self.transition is None:
            raise Http404(_("No such action."))
        if not request.user.has_perm(workflow.permission_for(self.model, self.transition)):
            audit.record(
                "security.access_refused",
                actor=request.user,
                request=request,
                detail={"path": request.path, "transition": self.transition.name},
            )
            raise PermissionDenied(_("You do not have permission to do this."))
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        reasons = self.model.workflow.refusals(
            self.object, self.transition, request.user, reason="-"
        )
        return self.render_to_response(self.get_context_data(reasons=reasons))

    def post(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "")
        try:
            perform(
                self.object,
                self.transition.name,
                actor=request.user,
                reason=reason,
                request=request,
            )
        except TransitionRefused as refused:
            context = self.get_context_data(reasons=refused.reasons, reason=reason)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Done: %(action)s.") % {"action": self.transition.label})
        return HttpResponseRedirect(safe_reverse(viewname(self.model, "detail"), self.object.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        context["object"] = self.object
        context["transition"] = self.transition
        context["detail_url"] = safe_reverse(viewname(self.model, "detail"), self.object.pk)
        return context


class ImportView(ScopedViewMixin, excel_views.ImportFlow, TemplateView):
    """Upload an Excel ledger → check (writes nothing) → preview of bad rows and field-level
    changes → confirm (the checked rows wait on the server) → write all in one transaction."""

    template_name = "core/import.html"
    ledger_class = None
    action = "add"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission("add")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        context.update(self.import_context())
        return context


class ImportTemplateView(ScopedViewMixin, View):
    """The Excel template of a ledger: headers, an example row and drop-down lists."""

    ledger_class = None

    def get(self, request, *args, **kwargs):
        self.check_model_permission("add")
        return excel_views.template_response(self)


class HomeView(LoginRequiredMixin, TemplateView):
    """The user's jurisdiction and real counts of what exists in it."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["jurisdiction"] = jurisdiction_for(user)
        context["counters"] = navigation.counters_for(user)
        context.update(home_intro(user, context["jurisdiction"]))
        return context


HOME_ENTERPRISES_SHOWN = 3


def home_intro(user, jurisdiction) -> dict:
    """What the first screen says about whom it is for: an enterprise user sees their enterprise by
    name (not the village it stands in); an evaluation expert reads what they will see and why."""
    from django.apps import apps

    intro = {"is_expert": "expert" in user.role_codes, "home_enterprises": None}
    if jurisdiction.enterprise_ids is not None and not jurisdiction.places_by_region:
        try:
            enterprise = apps.get_model("enterprises", "Enterprise")
        except LookupError:
            return intro
        rows = enterprise._default_manager.restrict(user, "view").order_by("name")
        names = list(rows.values_list("name", flat=True)[: HOME_ENTERPRISES_SHOWN + 1])
        intro["home_enterprises"] = names[:HOME_ENTERPRISES_SHOWN]
        intro["home_enterprises_more"] = len(names) > HOME_ENTERPRISES_SHOWN
    return intro
