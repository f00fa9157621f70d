"""Writing the append-only audit log, and reading its codes in words.

Every event carries the region it concerns (``region_path``), so the region-scoped audit page shows
it to the auditors of that region: the object's region, else the actor's home region, else — for
a failed sign-in — the region of the account named (``account_region_path``). Events that concern
no place (a failed sign-in under a username that does not exist) have none; the auditors of a
whole district or city see those (``core.models._audit_scope``).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.utils.translation import gettext_lazy as _

from anjian.core import masking
from anjian.core.models import AuditEvent


def client_ip(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` reverse proxies
    the address the outermost of them saw (that many entries from the right of
    X-Forwarded-For; entries further left are whatever the client chose to send). The lock-out
    (``AXES_CLIENT_IP_CALLABLE``) and the audit log use this one function."""
    if request is None:
        return None
    meta = getattr(request, "META", {})
    address = meta.get("REMOTE_ADDR") or None
    hops = settings.ANJIAN_TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [p.strip() for p in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            try:
                validate_ipv46_address(forwarded[-hops])
                address = forwarded[-hops]
            except ValidationError:
                pass
    return address


def account_region_path(username) -> str:
    """The home region path of the account with this username, or "" (no such account)."""
    if not username:
        return ""
    from django.contrib.auth import get_user_model

    account = (
        get_user_model()
        ._default_manager.select_related("jurisdiction", "organization__region")
        .filter(username=str(username)[:150])
        .first()
    )
    region = getattr(account, "home_region", None)
    return getattr(region, "path", "") or ""


def object_region_path(obj) -> str:
    """The region path an object sits in, following its model's Scope, or ""."""
    home = getattr(obj, "home_region", None)  # user accounts: jurisdiction or organization's
    if home is not None:
        return home.path
    scope = getattr(type(obj), "scope", None)
    if scope is None:
        return ""
    if scope.region is None:
        # Rows reached through the scope's ``extra`` alone (accidents, recommendations,
        # evaluations) may still carry a copy of their region.
        return getattr(getattr(obj, "region", None), "path", "") or ""
    target = obj
    if scope.region:
        for part in scope.region.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return ""
    return getattr(target, "path", "") or ""


def record(action: str, *, actor=None, obj=None, request=None, detail=None, region_path=None):
    """Append one audit event. ``action`` is a dotted code, e.g. ``accounts.user.suspended``."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if region_path is None:
        if obj is not None:
            region_path = object_region_path(obj)
        elif actor is not None:
            region = getattr(actor, "home_region", None)
            region_path = getattr(region, "path", "") or ""
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_username=getattr(actor, "username", "") if actor else "",
        ip_address=client_ip(request),
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=masking.scrub(str(obj))[:200] if obj is not None else "",
        region_path=region_path or "",
        # Details may carry what someone typed (a search, a filter): stored with ID numbers masked.
        detail=masking.scrub(detail or {}),
    )


# What each code means, for the audit page. Codes of the form ``app.model.<suffix>`` are read
# as "<model>: <suffix>", the suffix being one of SUFFIX_LABELS or a transition of the model.
LABELS = {
    "security.login": _("Signed in"),
    "security.logout": _("Signed out"),
    "security.login_failed": _("Failed sign-in"),
    "security.locked_out": _("Sign-in locked after repeated failures"),
    "security.unlocked": _("Sign-in lock lifted"),
    "security.access_refused": _("Access refused"),
    "accounts.token_issued": _("API token issued"),
    "accounts.token_revoked": _("API token revoked"),
}
SUFFIX_LABELS = {
    "exported": _("exported"),
    "imported": _("imported"),
    "import_previewed": _("import checked (preview)"),
    "transition_refused": _("action refused"),
    "export_downloaded": _("export downloaded"),
    "document_downloaded": _("document downloaded"),
}


def action_label(code: str) -> str:
    """The words for an audit code (the code itself when nothing better is known)."""
    if code in LABELS:
        return str(LABELS[code])
    parts = code.split(".")
    if len(parts) != 3:
        return code
    try:
        model = apps.get_model(parts[0], parts[1])
    except (LookupError, ValueError):
        return code
    suffix = parts[2]
    label = SUFFIX_LABELS.get(suffix)
    workflow = getattr(model, "workflow", None)
    if label is None and workflow is not None and workflow.get(suffix) is not None:
        label = workflow.get(suffix).label
    if label is None:
        return code
    return f"{model._meta.verbose_name}: {label}"
