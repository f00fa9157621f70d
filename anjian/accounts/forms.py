from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accounts import lockout, roles
from anjian.accounts.models import Organization, User
from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.regions.models import Region


class LoginForm(AuthenticationForm):
    """Django's sign-in form. The lock-out (``accounts.lockout``) refuses inside
    ``authenticate``; the form then says why instead of "wrong password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": "form-control", "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": "form-control"})

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout.lockout_message(), code="locked") from None
            raise


class OrganizationForm(ScopedModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "region", "parent", "phone", "address", "notes"]
        widgets = {
            "region": AutocompleteSelect(Region),
            "parent": AutocompleteSelect(Organization),
        }


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return roles.role_label(obj.name)


class UserForm(ScopedModelForm):
    groups = RoleChoiceField(
        label=_("roles"),
        queryset=Group.objects.filter(name__in=list(roles.ROLES)),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "username",
            "full_name",
            "phone",
            "email",
            "organization",
            "jurisdiction",
            "groups",
        ]
        # Roles belong to no place: the fixed table of roles.ROLES; who may give them is the
        # user model's change permission.
        unscoped_related = {"groups"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].widget.attrs["class"] = "form-check-input"


class UserCreateForm(SetPasswordMixin, UserForm):
    """A new account with its first password (the user changes it after signing in)."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    class Meta(UserForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean(self):
        self.validate_passwords()
        return super().clean()

    def _post_clean(self):
        super()._post_clean()
        self.validate_password_for_user(self.instance)

    def save(self, commit=True):
        user = super().save(commit=False)
        user = self.set_password_and_save(user, commit=commit)
        if commit:
            self.save_m2m()
        return user
