"""Form helpers: every foreign-key choice restricted to the user's jurisdiction."""

from django import forms

from anjian.core.scoping import ScopedQuerySet
from anjian.core.validators import apply_input_rules


def restrict_form_fields(form, user):
    """Narrow every model-choice field of ``form`` to what ``user`` may view.

    A saved record keeps its current choice even when it lies outside the user's view (a
    sub-district officer editing their sub-district keeps its parent, the district), so editing one
    field never forces changing another the user cannot see.
    """
    instance = getattr(form, "instance", None)
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
            continue
        queryset = field.queryset
        if not isinstance(queryset, ScopedQuerySet):
            continue
        restricted = queryset.restrict(user, "view")
        current = _current_ids(instance, name)
        if current:
            restricted = restricted | queryset.filter(pk__in=current)
        field.queryset = restricted


def _current_ids(instance, name) -> list:
    if instance is None or instance.pk is None:
        return []
    try:
        model_field = instance._meta.get_field(name)
    except Exception:  # a form field that is not a model field
        return []
    if model_field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    value = getattr(instance, model_field.attname, None)
    return [value] if value is not None else []


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows its user and restricts its choices to the user's jurisdiction."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            restrict_form_fields(self, user)
        style_fields(self.fields)
        apply_input_rules(self.fields)


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
