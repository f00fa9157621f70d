"""Protected fields: one declaration per model, one function wherever a value is shown.

A model declares the fields whose full value is personal data and the permission that reveals it::

    masked_fields = {"id_number": Protected("training.reveal_id_number", pattern=ID_NUMBER)}

(a bare permission string is enough when free text need not be scanned). Every surface that shows a
value asks ``mask_for(user, model, field, value)``: the field history and detail pages
(``core/views.py``), the API (``MaskedFieldsMixin`` of ``ScopedModelSerializer``), the Excel
ledgers (``Ledger.cell_value``) — and text that may carry a value typed by someone (audit details,
error messages) goes through ``scrub``, which masks every match of a declared ``pattern``.
Audit details are stored scrubbed, whoever reads them later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# An 18-character resident ID number (GB 11643), wherever it stands in a text.
ID_NUMBER = r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])"


@dataclass(frozen=True)
class Protected:
    permission: str
    pattern: str | None = None


def mask(value: Any) -> str:
    """``440704199503071238`` → ``4407**********1238``: the first and last four only."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if len(text) <= 8:
        return "*" * len(text)
    return f"{text[:4]}{'*' * (len(text) - 8)}{text[-4:]}"


def masked_fields(model) -> dict[str, Protected]:
    """The model's protected fields (``{}`` for most models)."""
    declared = getattr(model, "masked_fields", None) or {}
    return {
        name: spec if isinstance(spec, Protected) else Protected(spec)
        for name, spec in declared.items()
    }


def protected_models() -> list:
    """Every installed model that declares protected fields (the generated tests walk these)."""
    from django.apps import apps

    return [m for m in apps.get_models() if masked_fields(m)]


def is_protected(model, field: str) -> bool:
    return field in masked_fields(model)


def may_reveal(user, model, field: str) -> bool:
    spec = masked_fields(model).get(field)
    if spec is None:
        return True
    return bool(user is not None and user.has_perm(spec.permission))


def mask_for(user, model, field: str, value: Any) -> Any:
    """The value as ``user`` may see it: whole when the field is unprotected or the user holds
    the field's reveal permission (``user=None`` never does), masked otherwise."""
    if value in (None, "") or may_reveal(user, model, field):
        return value
    return mask(value)


def mask_always(model, field: str, value: Any) -> Any:
    """Masked whoever reads it (the field history, audit details, the API's plain reads)."""
    return mask_for(None, model, field, value)


def _patterns() -> list[re.Pattern]:
    compiled = []
    for model in protected_models():
        for spec in masked_fields(model).values():
            if spec.pattern:
                compiled.append(re.compile(spec.pattern))
    return compiled


def scrub(data: Any) -> Any:
    """``data`` (text, or dicts and lists of it) with every declared pattern masked."""
    if isinstance(data, str):
        for pattern in _patterns():
            data = pattern.sub(lambda m: mask(m.group(0)), data)
        return data
    if isinstance(data, dict):
        return {key: scrub(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(scrub(value) for value in data)
    return data


def allow_exact_search(request, model, field: str, value: str) -> bool | str:
    """May ``request.user`` look a record up by the exact value of a protected field?

    ``True`` for a holder of the reveal permission. Anyone else may search only by the full,
    well-formed value (``is_full(value)``, checked by the caller), at most
    ``ID_NUMBER_SEARCHES_PER_HOUR`` times an hour, and every such search is an audit event (so the
    exact match cannot be used, unseen, as an oracle). Returns ``False`` when the value is not to
    be matched at all, or the reason (text) when the user has used up the searches of the hour.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from anjian.core import audit

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if may_reveal(user, model, field):
        return True
    limit = settings.ANJIAN_ID_NUMBER_SEARCHES_PER_HOUR
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"masking:search:{model._meta.label_lower}:{field}:{user.pk}:{hour}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    allowed = count <= limit
    audit.record(
        f"{model._meta.app_label}.{model._meta.model_name}.searched_by_{field}",
        actor=user,
        request=request,
        detail={"value": mask(value), "allowed": allowed, "count": count},
    )
    if not allowed:
        return _(
            "You have searched by a full %(field)s %(limit)s times in the past hour; "
            "try again later."
        ) % {"field": model._meta.get_field(field).verbose_name, "limit": limit}
    return True


class MaskedFieldsMixin:
    """For API serializers (``ScopedModelSerializer`` has it): protected fields leave the API
    masked for every reader; the full value comes only from an audited reveal action."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name in masked_fields(model) if model is not None else ():
            if name in data:
                data[name] = mask_always(model, name, data[name])
        return data
