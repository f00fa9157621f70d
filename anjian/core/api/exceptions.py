from rest_framework.views import exception_handler as drf_exception_handler

from anjian.core import audit


def exception_handler(exc, context):
    """DRF's handler, plus an audit event for every refused (403) API access."""
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
    return response
