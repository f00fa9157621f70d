from django.urls import path

from anjian.accounts import views
from anjian.accounts.models import Organization, User
from anjian.core.urls_helpers import model_urls

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("users/<int:pk>/unlock/", views.UserUnlockView.as_view(), name="user_unlock"),
    *model_urls(
        Organization,
        prefix="organizations/",
        list_view=views.OrganizationListView,
        detail_view=views.OrganizationDetailView,
        create_view=views.OrganizationEditView,
        update_view=views.OrganizationEditView,
        delete_view=views.OrganizationDeleteView,
        import_view=views.OrganizationImportView,
        template_view=views.OrganizationImportTemplateView,
    ),
    *model_urls(
        User,
        prefix="users/",
        list_view=views.UserListView,
        detail_view=views.UserDetailView,
        create_view=views.UserEditView,
        update_view=views.UserEditView,
        delete_view=views.UserDeleteView,
        transition_view=views.UserTransitionView,
    ),
]
