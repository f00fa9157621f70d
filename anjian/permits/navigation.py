"""The permits' menu items and home counters (registered by ``PermitsConfig.ready``)."""

from django.utils.translation import gettext_lazy as _


def register():
    from anjian.core import navigation
    from anjian.permits.choices import PermitStatus
    from anjian.permits.models import AttachmentKind, Delegation, GasThreshold, Permit

    item = navigation.register_item
    item(
        "spaces",
        _("Awaiting acknowledgement"),
        "permits:permit_inbox",
        permission="permits.acknowledge_permit",
        icon="inbox",
        badge_url_name="permits:permit_inbox_count",
    )
    item(
        "spaces", _("Confined-space work"), "permits:permit_list", model=Permit, icon="cone-striped"
    )
    item(
        "spaces",
        _("Delegations of approval"),
        "permits:delegation_list",
        model=Delegation,
        icon="person-check",
    )
    item(
        "system", _("Gas thresholds"), "permits:gasthreshold_list", model=GasThreshold, icon="wind"
    )
    item(
        "system",
        _("Attachment kinds"),
        "permits:attachmentkind_list",
        model=AttachmentKind,
        icon="paperclip",
    )
    navigation.register_counter(
        _("Filings awaiting acknowledgement"),
        Permit,
        "permits:permit_list",
        icon="inbox",
        lookups={"status": PermitStatus.FILED},
        query="status=filed",
    )
    navigation.register_counter(
        _("Confined-space work in progress"),
        Permit,
        "permits:permit_list",
        icon="cone-striped",
        lookups={"status": PermitStatus.IN_PROGRESS},
        query="status=in_progress",
    )
