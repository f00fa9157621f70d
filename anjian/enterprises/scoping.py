"""Enterprise users and service agency inspectors: narrow their jurisdiction to enterprises."""

from dataclasses import replace

from anjian.core.scoping import Jurisdiction


def refine_for_enterprise_users(user, jurisdiction: Jurisdiction) -> Jurisdiction:
    """A holder of ``act_for_own_enterprise`` reaches only its enterprise's records, everywhere.

    The role decides (a permission read from the cache, so other users cost no query); an
    enterprise user without a membership reaches nothing at all.
    """
    from anjian.enterprises.models import OWN_ENTERPRISE_PERMISSION, EnterpriseMembership

    if jurisdiction.unrestricted or user.is_superuser:
        return jurisdiction
    if not user.has_perm(OWN_ENTERPRISE_PERMISSION):
        return jurisdiction
    ids = EnterpriseMembership._base_manager.filter(user=user).values_list(
        "enterprise_id", flat=True
    )
    return replace(jurisdiction, enterprise_ids=frozenset(ids))


def refine_for_service_inspectors(user, jurisdiction: Jurisdiction) -> Jurisdiction:
    """A holder of ``act_for_assigned_enterprises`` reaches the records of the enterprises assigned
    to its agency (``Enterprise.service_agency``), and the places of its area as before.

    The ids are a subquery, so the narrowing costs no extra query per request.
    """
    from anjian.enterprises.models import ASSIGNED_ENTERPRISES_PERMISSION, Enterprise

    if jurisdiction.unrestricted or user.is_superuser or jurisdiction.enterprise_ids is not None:
        return jurisdiction
    if not user.has_perm(ASSIGNED_ENTERPRISES_PERMISSION):
        return jurisdiction
    assigned = Enterprise._base_manager.filter(service_agency_id=user.organization_id or 0).values(
        "pk"
    )
    return replace(jurisdiction, enterprise_ids=assigned, places_by_region=True)
