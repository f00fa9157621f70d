"""Enterprise users: narrow their jurisdiction to the enterprise they belong to."""

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
