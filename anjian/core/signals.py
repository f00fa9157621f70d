"""Security events from Django's auth signals go to the audit log, each with the region of the
account concerned, so the auditors of that region see them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from anjian.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record("security.login", actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("security.logout", actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    detail = {"username": username}
    if getattr(request, "axes_locked_out", False):
        detail["locked"] = True  # refused by the lock-out before the password was checked
    audit.record(
        "security.login_failed",
        request=request,
        region_path=audit.account_region_path(username),
        detail=detail,
    )
