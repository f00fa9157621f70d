"""Who may do what with inspections; menu items, home counters and enterprise-file panels."""

from anjian.accounts import roles

GRANTS: dict = {}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    pass


def register_panels():
    pass
