"""Form helpers: every related choice restricted to what the user may view."""

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from anjian.core.validators import apply_input_rules

MODEL_CHOICE_FIELDS = (forms.ModelChoiceField, forms.ModelMultipleChoiceField)


def scoped_choices(queryset, user, *, current=None):
    """``queryset`` narrowed to what ``user`` may view (plus the ``current`` pks), or None when its
    model has no jurisdiction at all (no ``restrict``)."""
    if isinstance(queryset, models.Manager):
        queryset = queryset.all()
    if hasattr(queryset, "restrict"):
        restricted = queryset.restrict(user, "view")
    elif hasattr(queryset.model._default_manager, "restrict"):  # e.g. a _base_manager queryset
        visible = queryset.model._default_manager.restrict(user, "view").values("pk")
        restricted = queryset.filter(pk__in=visible)
    else:
        return None
    if current is not None:
        restricted = restricted | queryset.filter(pk__in=current)
    return restricted


def restrict_form_fields(form, user, *, unscoped=None):
    """Narrow every model-choice field of ``form`` to what ``user`` may view.

    Whatever the field's queryset (a model's default manager, a hand-written queryset, one with
    ``limit_choices_to``), it becomes ``restrict(user, "view")`` of its model; with no user, nothing
    (fail closed). A saved record keeps its current choice even when it lies outside the user's view
    (a sub-district officer editing their sub-district keeps its parent, the district), so editing
    one field never forces changing another the user cannot see. A field whose model has no
    ``restrict`` is a configuration error unless the form names it in ``Meta.unscoped_related``
    (or ``unscoped``) with the reason any row may be chosen.
    """
    if unscoped is None:
        unscoped = getattr(getattr(form, "Meta", None), "unscoped_related", ())
    instance = getattr(form, "instance", None)
    for name, field in form.fields.items():
        if not isinstance(field, MODEL_CHOICE_FIELDS) or name in unscoped:
            continue
        restricted = scoped_choices(field.queryset, user, current=_current_ids(instance, name))
        if restricted is None:
            raise ImproperlyConfigured(
                f"{type(form).__name__}.{name}: its model {field.queryset.model._meta.label} has "
                "no restrict(); give the model a ScopedManager, or name the field in "
                "Meta.unscoped_related with the reason why any row may be chosen."
            )
        field.queryset = restricted


def _current_ids(instance, name):
    if instance is None or instance.pk is None:
        return None
    try:
        model_field = instance._meta.get_field(name)
    except Exception:  # a form field that is not a model field
        return None
    if model_field.many_to_many:
        return getattr(instance, name).values("pk")
    if not model_field.is_relation or not model_field.concrete:
        return None
    value = getattr(instance, model_field.attname, None)
    return [value] if value is not None else None


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows its user and restricts its choices to the user's view.

    Without a user (``user=None``) every related choice is empty: a form cannot forget its user.
    """

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_form_fields(self, user)
        style_fields(self.fields)
        apply_input_rules(self.fields, self._meta.model)


def style_fields(fields, small=False):
    """Bootstrap classes for every widget; searchable selects (tom-select) for foreign keys."""
    size = " form-select-sm" if small else ""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = f"form-select{size}"
            if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
                css += " js-tom"
            widget.attrs.setdefault("class", css)
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control" + (" form-control-sm" if small else ""))
