"""One sign-in lock-out for every door, on django-axes.

Every door that takes a password (the sign-in page, ``POST /api/auth/token/``, any later one) calls
``django.contrib.auth.authenticate(request, …)``; ``axes.backends.AxesStandaloneBackend`` sits in
front of ``AnjianBackend`` and refuses a locked client before the password is even checked, and
axes counts every failure in ``axes.AccessAttempt`` (one row per username × address × browser).

Axes applies one failure limit to every lock-out parameter. We need two: failures are counted per
address AND per account, and the per-address limit (``LOGIN_MAX_FAILURES_PER_ADDRESS``) is lower
than the per-account one (``LOGIN_MAX_FAILURES``), so a stranger hammering an administrator's
username from one address locks that address long before the account — the administrator still
signs in from their own desk. Locking the account takes failures from several addresses; the lock
lasts ``LOGIN_LOCKOUT_MINUTES`` (failures during a lock do not extend it) and an administrator can
lift it at once (``unlock``). ``AnjianAxesHandler`` is axes's database handler with that one
decision — which limits are reached — replaced.
"""

from __future__ import annotations

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Sum
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

ADDRESS = "ip_address"
ACCOUNT = "username"


def limits() -> dict[str, int]:
    return {
        ADDRESS: settings.ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS,
        ACCOUNT: settings.ANJIAN_LOGIN_MAX_FAILURES,
    }


def account_limit(request=None, credentials=None) -> int:
    return settings.ANJIAN_LOGIN_MAX_FAILURES


def cool_off(request=None) -> timedelta:
    return timedelta(minutes=settings.ANJIAN_LOGIN_LOCKOUT_MINUTES)


def lockout_message() -> str:
    return _(
        "Too many failed sign-ins from this address or for this account. Try again in "
        "%(minutes)s minutes, or ask an administrator to unlock the account."
    ) % {"minutes": settings.ANJIAN_LOGIN_LOCKOUT_MINUTES}


def _failures(since, **where) -> tuple[int, object]:
    row = AccessAttempt.objects.filter(attempt_time__gte=since, **where).aggregate(
        n=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return row["n"] or 0, row["last"]


class AnjianAxesHandler(AxesDatabaseHandler):
    """Axes's database handler with a limit per lock-out parameter (see the module docstring)."""

    def tripped(self, request, credentials=None) -> list[str]:
        """The parameters (``ip_address``, ``username``) whose limit this client has reached."""
        since = get_cool_off_threshold(request)
        values = {
            ADDRESS: request.axes_ip_address,
            ACCOUNT: get_client_username(request, credentials),
        }
        reached = []
        for parameter, limit in limits().items():
            value = values[parameter]
            if value and _failures(since, **{parameter: value})[0] >= limit:
                reached.append(parameter)
        return reached

    def is_locked(self, request, credentials=None) -> bool:
        return settings.AXES_LOCK_OUT_AT_FAILURE and bool(self.tripped(request, credentials))

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        refused_while_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or refused_while_locked:
            return
        reached = self.tripped(request, credentials)
        if not reached:
            return
        username = get_client_username(request, credentials)
        if not request.axes_locked_out:  # axes's own check knows only one limit
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=username, ip_address=request.axes_ip_address
            )
        from anjian.core import audit

        audit.record(
            "security.locked_out",
            request=request,
            region_path=audit.account_region_path(username),
            detail={
                "username": str(username or "")[:150],
                "locked": reached,
                "minutes": settings.ANJIAN_LOGIN_LOCKOUT_MINUTES,
            },
        )

    def user_logged_in(self, sender, request, user, **kwargs):
        """A successful sign-in forgives this account's own earlier typos from this address (so
        an office behind one address is not locked by colleagues' typos), nothing else: another
        address's failures against the account, and other accounts' failures from this address,
        still count."""
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(
            username=user.get_username(), ip_address=request.axes_ip_address
        ).delete()


def lockout_response(request, original_response=None, credentials=None):
    """What a locked client receives (``AXES_LOCKOUT_CALLABLE``): the API a JSON ``detail`` with
    429; the sign-in page itself again (its form says why) with 429."""
    if original_response is not None and not request.path.startswith("/api/"):
        original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
        return original_response
    return JsonResponse({"detail": lockout_message()}, status=settings.AXES_HTTP_RESPONSE_CODE)


def locked_until(username: str):
    """When the lock on an account lifts, or None when it is not locked."""
    if not username:
        return None
    now = timezone.now()
    failures, last = _failures(now - cool_off(), username=username)
    if failures < settings.ANJIAN_LOGIN_MAX_FAILURES or last is None:
        return None
    return last + cool_off()


def unlock(user, *, actor, request=None) -> int:
    """Lift the lock-out of ``user``'s account (every counted failure against it, from any
    address); audited. Returns the number of attempt rows removed."""
    from axes.utils import reset

    from anjian.core import audit

    removed = reset(username=user.get_username())
    audit.record(
        "security.unlocked",
        actor=actor,
        obj=user,
        request=request,
        detail={"username": user.get_username(), "attempts": removed},
    )
    return removed
