"""Writing the append-only audit log."""

from django.contrib.contenttypes.models import ContentType

from anjian.core.models import AuditEvent


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def object_region_path(obj) -> str:
    """The region path an object sits in, following its model's Scope, or ""."""
    home = getattr(obj, "home_region", None)  # user accounts: jurisdiction or organization's
    if home is not None:
        return home.path
    scope = getattr(type(obj), "scope", None)
    if scope is None or scope.region is None:
        return ""
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
        object_repr=str(obj)[:200] if obj is not None else "",
        region_path=region_path or "",
        detail=detail or {},
    )
