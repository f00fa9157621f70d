"""API tokens that expire and are revoked when the account's sign-in changes.

One token per account (DRF's ``authtoken.Token``). Issuing a token replaces the old one and is
audited (``accounts.token_issued``). A token is refused once older than ``API_TOKEN_HOURS``, and
deleted when its owner signs out, when the password changes (any path: own change, an
administrator setting it, the API) and when the account is suspended (``User.save``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def lifetime() -> timedelta:
    return timedelta(hours=settings.ANJIAN_API_TOKEN_HOURS)


def expires_at(token: Token):
    return token.created + lifetime()


def issue_token(user, *, request=None) -> Token:
    """A fresh token for ``user`` (any earlier one is revoked); audited with the user's region."""
    from anjian.core import audit

    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(
        "accounts.token_issued",
        actor=user,
        request=request,
        detail={"expires": expires_at(token).isoformat(timespec="seconds")},
    )
    return token


def revoke_tokens(user) -> int:
    """Delete every API token of ``user``; the number deleted."""
    if user is None or user.pk is None:
        return 0
    deleted, _rows = Token.objects.filter(user_id=user.pk).delete()
    return deleted


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing (and deleting) a token past its lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if timezone.now() >= expires_at(token):
            token.delete()
            raise AuthenticationFailed(_("The token has expired; request a new one."))
        return user, token
