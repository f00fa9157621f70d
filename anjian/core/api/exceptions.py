from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from anjian.core import audit, masking


def blocking_names(exc) -> list[str]:
    """The records that still refer to the one being deleted, as "kind: name" (at most ten)."""
    names = []
    for obj in list(getattr(exc, "protected_objects", None) or [])[:10]:
        names.append(f"{obj._meta.verbose_name}: {masking.scrub(str(obj))}")
    for obj in list(getattr(exc, "restricted_objects", None) or [])[:10]:
        names.append(f"{obj._meta.verbose_name}: {masking.scrub(str(obj))}")
    return names


def protected_response(exc) -> Response:
    return Response(
        {
            "detail": _("This record cannot be deleted while other records refer to it."),
            "reasons": blocking_names(exc),
        },
        status=status.HTTP_409_CONFLICT,
    )


def exception_handler(exc, context):
    """DRF's handler, plus: a delete blocked by references answers 409 with what refers to it;
    every refused (403) API access is audited; no error message echoes a protected value."""
    if isinstance(exc, ProtectedError | RestrictedError):
        return protected_response(exc)
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and response.status_code == 403 and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            audit.record(
                "security.access_refused",
                actor=user,
                request=request,
                detail={"path": request.path, "method": request.method, "api": True},
            )
    if response is not None and response.status_code >= 400:
        response.data = masking.scrub(response.data)
    return response
