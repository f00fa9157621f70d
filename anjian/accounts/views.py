from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from anjian.accounts import lockout
from anjian.accounts.filtersets import OrganizationFilterSet, UserFilterSet
from anjian.accounts.forms import LoginForm, OrganizationForm, UserCreateForm, UserForm
from anjian.accounts.ledger import OrganizationLedger
from anjian.accounts.models import Organization, User
from anjian.accounts.tables import OrganizationTable, UserTable
from anjian.core import audit
from anjian.core import views as generic
from anjian.core.scoping import is_visible


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-control"
        return form


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class OrganizationListView(generic.ObjectListView):
    model = Organization
    table_class = OrganizationTable
    filterset_class = OrganizationFilterSet
    ledger_class = OrganizationLedger

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class OrganizationDetailView(generic.ObjectDetailView):
    model = Organization
    fields = ["name", "short_name", "kind", "region", "parent", "phone", "address", "notes"]


class OrganizationEditView(generic.ObjectEditView):
    model = Organization
    form_class = OrganizationForm


class OrganizationDeleteView(generic.ObjectDeleteView):
    model = Organization


class OrganizationImportView(generic.ImportView):
    model = Organization
    ledger_class = OrganizationLedger


class OrganizationImportTemplateView(generic.ImportTemplateView):
    model = Organization
    ledger_class = OrganizationLedger


class UserListView(generic.ObjectListView):
    model = User
    table_class = UserTable
    filterset_class = UserFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "jurisdiction")
            .prefetch_related("groups")
        )


class UserDetailView(generic.ObjectDetailView):
    model = User
    fields = [
        "username",
        "full_name",
        "phone",
        "email",
        "organization",
        "jurisdiction",
        "status",
        "last_login",
        "date_joined",
    ]

    template_name = "accounts/user_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["detail_fields"].insert(
            5, (User._meta.get_field("groups").verbose_name, "、".join(self.object.role_labels))
        )
        context["can_delete"] = False  # accounts are suspended, never deleted
        context["locked_until"] = lockout.locked_until(self.object.username)
        if context["locked_until"] and is_visible(self.object, self.request.user, "change"):
            context["unlock_url"] = reverse("accounts:user_unlock", args=[self.object.pk])
        return context


class UserEditView(generic.ObjectEditView):
    model = User

    @property
    def form_class(self):
        return UserForm if "pk" in self.kwargs else UserCreateForm


class UserDeleteView(generic.ObjectDeleteView):
    """Accounts are never deleted, so that everything they did keeps their name: suspend the
    account instead. Every request is refused (and audited)."""

    model = User

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        audit.record(
            "security.access_refused",
            actor=request.user,
            request=request,
            detail={"path": request.path, "reason": "accounts are not deleted"},
        )
        raise PermissionDenied(_("Accounts are not deleted; suspend the account instead."))


class UserUnlockView(generic.ScopedViewMixin, View):
    """Lift the sign-in lock-out of an account at once (POST); needs the right to change it."""

    model = User
    action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.check_model_permission()
        user = self.get_object()
        lockout.unlock(user, actor=request.user, request=request)
        messages.success(request, _("Sign-in unlocked for %(user)s.") % {"user": user})
        return HttpResponseRedirect(reverse("accounts:user_detail", args=[user.pk]))


class UserTransitionView(generic.TransitionView):
    model = User
