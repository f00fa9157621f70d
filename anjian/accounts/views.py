from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from anjian.accounts.filtersets import OrganizationFilterSet, UserFilterSet
from anjian.accounts.forms import LoginForm, OrganizationForm, UserCreateForm, UserForm
from anjian.accounts.ledger import OrganizationLedger
from anjian.accounts.models import Organization, User
from anjian.accounts.tables import OrganizationTable, UserTable
from anjian.core import views as generic


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["detail_fields"].insert(
            5, (User._meta.get_field("groups").verbose_name, "、".join(self.object.role_labels))
        )
        return context


class UserEditView(generic.ObjectEditView):
    model = User

    @property
    def form_class(self):
        return UserForm if "pk" in self.kwargs else UserCreateForm


class UserDeleteView(generic.ObjectDeleteView):
    model = User


class UserTransitionView(generic.TransitionView):
    model = User
