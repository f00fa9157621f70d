"""Scoped autocomplete: one JSON endpoint for every model, and the select widget that uses it.

``/autocomplete/<app_label>.<model_name>/?q=…`` answers the first matches among the rows the user
may view (``restrict``), searching the model's ``autocomplete_fields`` (or its own
``autocomplete(queryset, q)`` classmethod, e.g. pinyin for enterprises). ``AutocompleteSelect``
renders only the chosen option, so a form or filter never loads a whole table into a page.
"""

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse

from anjian.core.scoping import ScopedQuerySet, permission_name

LIMIT = 20


@login_required
def autocomplete(request, label):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    fields = getattr(model, "autocomplete_fields", None)
    custom = getattr(model, "autocomplete", None)
    if not isinstance(model._default_manager.all(), ScopedQuerySet) or not (fields or custom):
        raise Http404
    if not request.user.has_perm(permission_name(model, "view")):
        raise PermissionDenied
    queryset = model._default_manager.restrict(request.user, "view")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        if custom is not None:
            queryset = custom(queryset, query)
        else:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": query})
            queryset = queryset.filter(condition)
    results = [{"id": obj.pk, "text": str(obj)} for obj in queryset[:LIMIT]]
    return JsonResponse({"results": results})


class AutocompleteSelect(forms.Select):
    """A select whose options are fetched as the user types; renders only the chosen value."""

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        opts = self.model._meta
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["class"] = (widget_attrs.get("class", "") + " js-tom").strip()
        widget_attrs["data-autocomplete-url"] = reverse(
            "core:autocomplete", args=[opts.label_lower]
        )
        return context

    def optgroups(self, name, value, attrs=None):
        queryset = getattr(self.choices, "queryset", None)
        chosen = []
        for raw in value:
            if raw in (None, ""):
                continue
            try:  # a malformed value (from a hand-typed URL) shows as nothing chosen
                chosen.append(self.model._meta.pk.to_python(raw))
            except ValidationError:
                continue
        options = [self.create_option(name, "", "—", not chosen, 0)]
        if chosen and queryset is not None:
            for index, obj in enumerate(queryset.filter(pk__in=chosen), start=1):
                options.append(self.create_option(name, obj.pk, str(obj), True, index))
        return [(None, options, 0)]


class AutocompleteSelectMultiple(forms.SelectMultiple):
    """The multiple variant of ``AutocompleteSelect`` (tom-select with remove buttons): options are
    fetched as the user types; renders only the chosen values, never the whole table."""

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["class"] = (widget_attrs.get("class", "") + " js-tom").strip()
        widget_attrs["data-autocomplete-url"] = reverse(
            "core:autocomplete", args=[self.model._meta.label_lower]
        )
        return context

    def optgroups(self, name, value, attrs=None):
        queryset = getattr(self.choices, "queryset", None)
        chosen = []
        for raw in value:
            if raw in (None, ""):
                continue
            try:  # a malformed value (from a hand-typed URL) shows as nothing chosen
                chosen.append(self.model._meta.pk.to_python(raw))
            except ValidationError:
                continue
        options = []
        if chosen and queryset is not None:
            for index, obj in enumerate(queryset.filter(pk__in=chosen)):
                options.append(self.create_option(name, obj.pk, str(obj), True, index))
        return [(None, options, 0)]
