"""Form helpers: every foreign-key choice restricted to the user's jurisdiction."""

from django import forms

from anjian.core.scoping import ScopedQuerySet


def restrict_form_fields(form, user):
    """Narrow every model-choice field of ``form`` to what ``user`` may view."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
            queryset = field.queryset
            if isinstance(queryset, ScopedQuerySet):
                field.queryset = queryset.restrict(user, "view")


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows its user and restricts its choices to the user's jurisdiction."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            restrict_form_fields(self, user)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
