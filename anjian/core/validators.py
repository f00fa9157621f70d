"""Input rules every app shares, and natural wording for the errors people meet in forms.

- ``validate_phone``: a mainland mobile (11 digits from 1[3-9]) or a landline (area code 0xx(x),
  7–8 digits, optional extension), as people write them (spaces and hyphens allowed).
- ``apply_input_rules``: phone fields checked; text limits checked by the server on the trimmed text
  (Django strips before validating), never cut silently by the browser's ``maxlength``.
- ``check_reason_length``: a workflow reason longer than ``REASON_MAX_LENGTH`` is refused clearly.
- ``natural_unique_message``: "已存在统一社会信用代码为“9144…”的企业。" instead of Django's
  "具有 统一社会信用代码 的 企业 已存在。", for every model (installed in ``CoreConfig.ready``) unless
  a field or constraint sets its own message.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}\d{7,8}(?:(?:转|ext|#)\d{1,6})?)$")


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s\-()（）]", "", value or "")


def validate_phone(value):
    """A mobile number (13800138000) or a landline with area code (0750-3501234)."""
    if value in (None, ""):
        return
    if not PHONE_RE.match(normalise_phone(str(value))):
        raise ValidationError(
            gettext_lazy(
                "Enter a mobile number of 11 digits (e.g. 13800138000) or a landline with its "
                "area code (e.g. 0750-3501234)."
            ),
            code="phone",
        )


class PhoneFormField(forms.CharField):
    """A phone number, trimmed, checked by ``validate_phone`` and stored as typed."""

    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")


# ---- Natural unique messages ---------------------------------------------------------------------


def _shown(instance, field) -> str:
    value = getattr(instance, field.attname, None)
    if field.is_relation:
        related = getattr(instance, field.name, None)
        return str(related) if related is not None else "—"
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    return "—" if value in (None, "") else str(value)


def natural_unique_message(self, model_class, unique_check):
    """Replaces ``Model.unique_error_message``: name the values, not only the fields."""
    opts = model_class._meta
    fields = [opts.get_field(name) for name in unique_check]
    if len(fields) == 1:
        custom = fields[0].error_messages.get("unique")
        if str(custom) != str(Field.default_error_messages["unique"]):
            return _django_unique_error_message(self, model_class, unique_check)
    parts = [
        _("%(field)s “%(value)s”") % {"field": capfirst(f.verbose_name), "value": _shown(self, f)}
        for f in fields
    ]
    message = _("%(model)s with %(values)s already exists.") % {
        "model": capfirst(opts.verbose_name),
        "values": _(", ").join(parts),
    }
    return ValidationError(
        message, code="unique" if len(fields) == 1 else "unique_together", params={}
    )


_django_unique_error_message = models.Model.unique_error_message


def install_natural_unique_messages():
    models.Model.unique_error_message = natural_unique_message


def apply_input_rules(fields, model=None):
    """Shared input rules for every ScopedModelForm (so the page and the Excel import, which
    validates through the same form, agree): a field named ``phone`` or ``*_phone`` accepts only
    a phone number; text limits are checked on the trimmed text by the server, so the browser's
    ``maxlength`` (which silently cuts a pasted value, spaces included) is not set. A model's
    ``display_labels`` (e.g. a person's name reads 姓名, not 名称) label its fields."""
    labels = getattr(model, "display_labels", {})
    for name, field in fields.items():
        if name in labels:
            field.label = labels[name]
        if name == "phone" or name.endswith("_phone"):
            if validate_phone not in field.validators:
                field.validators.append(validate_phone)
            field.widget.attrs.setdefault("inputmode", "tel")
        if isinstance(field, forms.CharField) and field.max_length:
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["data-maxlength"] = str(field.max_length)


def check_reason_length(reason) -> str | None:
    """The refusal for a reason longer than ``REASON_MAX_LENGTH`` (trimmed), or None."""
    from django.conf import settings

    limit = getattr(settings, "REASON_MAX_LENGTH", 500)
    text = (reason or "").strip()
    if len(text) > limit:
        return _("Keep the reason to %(limit)d characters (it has %(count)d).") % {
            "limit": limit,
            "count": len(text),
        }
    return None
