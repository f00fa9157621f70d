import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anjian.accounts import roles, rules
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.core.models import PrimaryModel, detail_url
from anjian.core.scoping import NOWHERE, Jurisdiction, Scope, ScopedQuerySet
from anjian.core.workflow import Transition, Workflow


class Organization(PrimaryModel):
    """A public body or agency that acts in the system: bureaus, offices, committees, agencies."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["region__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="accounts_organization_unique_name"
            ),
        ]

    autocomplete_fields = ("name", "short_name")

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        rules.check_organization_parent(self)


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


def new_permissions_stamp() -> int:
    """A fresh stamp: random, so a stamp never comes back (not after a rollback, nor for a new
    account that gets an old primary key on SQLite)."""
    return secrets.randbits(62)


def _own_account(jurisdiction, user):
    return Q(pk=user.pk)


class User(AbstractUser):
    """A person who signs in. Belongs to one organization (or, with the enterprises app, one
    enterprise) and works within one jurisdiction; roles are groups."""

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    jurisdiction = models.ForeignKey(
        "regions.Region",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The region this user works in; defaults to the organization's region."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=UserStatus.choices, default=UserStatus.ACTIVE
    )

    # Renewed (a new random number) whenever the user's roles or their roles' permissions change
    # (``accounts.permission_stamps``): the user's permissions are cached per process under
    # (user, stamp), and every request reads the stamp with the user row it loads anyway — a role
    # revoked through one worker is refused by every worker on the next request.
    permissions_stamp = models.BigIntegerField(
        _("permissions stamp"), default=new_permissions_stamp, editable=False
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login", "permissions_stamp"])
    objects = ScopedUserManager()
    scope = Scope(region="jurisdiction", extra=_own_account)
    # The scoped autocomplete (core/autocomplete.py) searches these among the accounts in view.
    autocomplete_fields = ("username", "full_name")

    workflow = Workflow(
        "status",
        [
            Transition(
                "suspend",
                (UserStatus.ACTIVE,),
                UserStatus.SUSPENDED,
                _("Suspend"),
                guards=(rules.not_self, rules.not_last_administrator),
                reason_required=True,
                updates={"is_active": False},
                style="danger",
            ),
            Transition(
                "reactivate",
                (UserStatus.SUSPENDED,),
                UserStatus.ACTIVE,
                _("Reactivate"),
                updates={"is_active": True},
                style="success",
            ),
        ],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        permissions = [("act_everywhere", _("Can see and act in every jurisdiction"))]

    def __str__(self):
        return self.full_name or self.username

    def get_absolute_url(self):
        return detail_url(self)

    def clean(self):
        super().clean()
        rules.check_user_placement(self)

    def save(self, *args, **kwargs):
        """Save; an account whose password just changed, or that cannot sign in, keeps no API
        token (``accounts.tokens``): password change by any path, suspension, deactivation."""
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            from anjian.accounts.tokens import revoke_tokens

            revoke_tokens(self)

    @property
    def role_codes(self) -> list[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None and "groups" in getattr(self, "_prefetched_objects_cache", {}):
            cached = sorted(g.name for g in self.groups.all())  # rows of a list
            self._role_codes = cached
        if cached is None and self.is_active:
            self.get_all_permissions()  # AnjianBackend loads roles with the permissions
            cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = sorted(g.name for g in self.groups.all())
            self._role_codes = cached
        return cached

    @property
    def role_labels(self) -> list[str]:
        return [roles.role_label(code) for code in self.role_codes]

    @property
    def home_region(self):
        if self.jurisdiction_id:
            return self.jurisdiction
        if self.organization_id:
            return self.organization.region
        return None

    def get_jurisdiction(self) -> Jurisdiction:
        if self.has_perm(roles.EVERYWHERE_PERMISSION):
            return Jurisdiction(unrestricted=True, organization_id=self.organization_id)
        region = self.home_region
        if region is None:
            return NOWHERE
        return Jurisdiction(region_path=region.path, organization_id=self.organization_id)
