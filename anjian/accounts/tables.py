import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Organization, User
from anjian.core.tables import BaseTable, StatusColumn


class OrganizationTable(BaseTable):
    name = tables.Column(linkify=True)
    region = tables.Column()

    class Meta(BaseTable.Meta):
        model = Organization
        fields = ["name", "short_name", "kind", "region", "phone"]


class UserTable(BaseTable):
    username = tables.Column(linkify=True)
    organization = tables.Column()
    jurisdiction = tables.Column()
    roles = tables.Column(
        verbose_name=_("roles"), empty_values=(), orderable=False, accessor="role_labels"
    )
    status = StatusColumn()

    class Meta(BaseTable.Meta):
        model = User
        fields = ["username", "full_name", "organization", "jurisdiction", "roles", "status"]

    def render_roles(self, value):
        return "、".join(value)

    def value_roles(self, value):
        return "、".join(value)
