"""Helpers shared by the permits pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anjian.core import views as generic
from anjian.core.scoping import is_visible
from anjian.permits import rules
from anjian.permits.models import Permit

CSS = "css/permits.css"


def readiness_context(permit) -> dict:
    """The seven conditions (one rule function each, ``rules.readiness``) and their summary."""
    conditions = rules.readiness(permit)
    failing = sum(1 for c in conditions if not c.ok)
    summary = (
        ngettext("%(n)s condition not met", "%(n)s conditions not met", failing) % {"n": failing}
        if failing
        else _("All seven met")
    )
    return {
        "readiness": conditions,
        "readiness_failing": failing,
        "readiness_summary": summary,
        "checked_at": timezone.localtime(),
    }


class PermitChildMixin(generic.ScopedViewMixin):
    """A page about one permit's records (people, attachments, tests, entries): the permit must
    be visible to the user (404 otherwise, audited by the base view), and the user needs
    ``action`` on the child model."""

    model = Permit
    child_model = None
    permit_action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.child_model is not None:
            self.check_model_permission_of(self.child_model)
        self.permit = self.get_permit()
        return super().dispatch(request, *args, **kwargs)

    def check_model_permission_of(self, model):
        saved = self.model
        self.model = model
        try:
            self.check_model_permission()
        finally:
            self.model = saved

    def get_permit(self):
        saved = self.action
        self.action = self.permit_action
        try:
            return self.get_object()
        finally:
            self.action = saved

    def permit_context(self, **extra):
        context = {"object": self.permit, "permit": self.permit, "css": CSS}
        context.update(self.model_context())
        context.update(extra)
        return context


def permit_of(user, pk, action="view"):
    return get_object_or_404(Permit.objects.restrict(user, action), pk=pk)


def may_change(obj, user) -> bool:
    try:
        return is_visible(obj, user, "change")
    except Http404:
        return False
