"""Rules about organizations and user accounts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_organization_parent(organization) -> None:
    parent = organization.parent
    if parent is None:
        return
    if organization.pk and parent.pk == organization.pk:
        raise ValidationError({"parent": _("An organization cannot be its own parent.")})
    if (
        organization.region_id
        and parent.region_id
        and not organization.region.path.startswith(parent.region.path)
    ):
        raise ValidationError(
            {"parent": _("A unit must lie within the region of the organization it belongs to.")}
        )


def check_user_placement(user) -> None:
    if user.jurisdiction_id and user.organization_id:
        org_region = user.organization.region
        if not user.jurisdiction.path.startswith(org_region.path):
            raise ValidationError(
                {"jurisdiction": _("The jurisdiction must lie within the organization's region.")}
            )


def not_self(user, actor, context):
    if actor is not None and actor.pk == user.pk:
        return _("You cannot suspend your own account.")
    return None


def not_last_administrator(user, actor, context):
    from anjian.accounts.models import User
    from anjian.accounts.roles import ADMIN

    if ADMIN not in user.role_codes and not user.is_superuser:
        return None
    others = (
        User.objects.filter(is_active=True).filter(groups__name=ADMIN).exclude(pk=user.pk).exists()
    )
    if not others:
        return _("This is the last active administrator; appoint another one first.")
    return None
