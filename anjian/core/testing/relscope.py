"""The access matrix's generated column for related fields: out-of-scope targets are refused.

Nobody writes these cases by hand. ``surfaces()`` enumerates every writable surface of every
model — each viewset registered on the shared API router (its serializer) and each page built on
``ObjectEditView`` in the URL conf (its form) — and ``related_params()`` every writable related
field of them × every persona whose role may write the model (a role that may not is refused
earlier with 403, which the access matrix proves; an unrestricted role has no outside). For each,
``check(...)`` picks a row of the field's target model that the persona may not view — an
existing one, or one the target's ``MatrixCase.make`` builds outside the persona's jurisdiction —
submits it through the API (PATCH of a record inside, or POST when the role may only add: 400,
the field named, nothing written) and through the page form (the form's "not one of the
available choices" error, nothing written). A field whose target cannot be placed outside the
persona fails (``Unchecked``): a new relation cannot escape the check.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from rest_framework import serializers

from anjian.core.api.serializers import related_fields
from anjian.core.scoping import REFERENCE_TABLE
from anjian.core.testing import matrix


class Unchecked(AssertionError):
    """A related field for which no out-of-scope target could be found or made."""


@dataclass
class Surface:
    """Where a model is written: its API viewsets and its page edit views."""

    model: type
    viewsets: list = field(default_factory=list)  # (basename, viewset class)
    pages: list = field(default_factory=list)  # (url name, view class, takes pk)
    # field name → target model, over every serializer and form of the model
    fields: dict = field(default_factory=dict)


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def page_views():
    """``(url name, view class, takes pk)`` of every ObjectEditView in the URL conf."""
    from anjian.core.views import ObjectEditView

    found = []
    for name, pattern in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, ObjectEditView):
            takes_pk = "pk" in pattern.pattern.converters
            found.append((name, view_class, takes_pk))
    return found


def form_classes(view_class, takes_pk):
    """The form classes a page view may use (``form_class`` may be a property of the request)."""
    attr = inspect.getattr_static(view_class, "form_class", None)
    if not isinstance(attr, property):
        return [attr] if attr is not None else []
    probe = view_class.__new__(view_class)
    probe.kwargs = {"pk": 0} if takes_pk else {}
    probe.request = SimpleNamespace(user=AnonymousUser(), GET={}, POST={})
    try:
        return [attr.fget(probe)]
    except Exception:  # a property that needs more of a request: the test builds the real form
        return []


def form_related_fields(form_or_class) -> dict:
    """name → target model of every model-choice field of a form (class or instance)."""
    fields = getattr(form_or_class, "fields", None)
    if fields is None or isinstance(form_or_class, type):
        fields = form_or_class.base_fields
    return {
        name: f.queryset.model
        for name, f in fields.items()
        if isinstance(f, forms.ModelChoiceField | forms.ModelMultipleChoiceField) and not f.disabled
    }


def serializer_related_fields(serializer) -> dict:
    """name → target model of every writable related field of a serializer instance."""
    return {
        name: relation.queryset.model
        for name, _field, relation in related_fields(serializer.fields)
        if relation.queryset is not None
    }


def _serializer_class(viewset):
    view = viewset(action="partial_update", request=None, format_kwarg=None, kwargs={})
    return view.get_serializer_class()


def surfaces() -> dict:
    """model → Surface, from the API router and the URL conf (not from the matrix cases)."""
    from anjian.core.api.routers import router

    get_resolver().url_patterns  # noqa: B018 - importing the URL conf registers the viewsets
    found: dict[type, Surface] = {}
    for _prefix, viewset, basename in router.registry:
        model = getattr(viewset, "model", None) or viewset.queryset.model
        surface = found.setdefault(model, Surface(model))
        surface.viewsets.append((basename, viewset))
        serializer = _serializer_class(viewset)(context={})
        surface.fields.update(serializer_related_fields(serializer))
    for name, view_class, takes_pk in page_views():
        surface = found.setdefault(view_class.model, Surface(view_class.model))
        surface.pages.append((name, view_class, takes_pk))
        for form_class in form_classes(view_class, takes_pk):
            surface.fields.update(form_related_fields(form_class))
    return found


def case_for(model):
    for case in matrix.CASES:
        if case.model is model:
            return case
    return None


def role_permissions(role):
    from anjian.accounts import roles

    return roles.ROLES[role].permissions


def _unrestricted(role) -> bool:
    from anjian.accounts.roles import EVERYWHERE_PERMISSION

    return EVERYWHERE_PERMISSION in role_permissions(role)


def sees_whole_table(role, target) -> bool:
    """A reference table read in whole by whoever may view it: nothing of it is out of scope."""
    opts = target._meta
    return getattr(
        target, "scope", None
    ) is REFERENCE_TABLE and f"{opts.app_label}.view_{opts.model_name}" in role_permissions(role)


def related_params(personas):
    """``(surface, field name, persona)`` for each writable related field × persona who writes."""
    params = []
    for model, surface in sorted(surfaces().items(), key=lambda i: i[0]._meta.label):
        case = case_for(model)
        if case is None:
            continue  # test_every_surface_is_in_the_matrix names it
        for name, target in sorted(surface.fields.items()):
            for persona, spec in personas.items():
                role = spec[0]
                if not (case.allows(role, "change") or case.allows(role, "add")):
                    continue
                if _unrestricted(role) or sees_whole_table(role, target):
                    continue
                params.append((surface, name, persona))
    return params


# --- finding a target outside the persona's view ------------------------------------------------
def outside_target(world, persona, model_field_name, target, *, exclude=(), limit=None):
    """A saved ``target`` row the persona may not view (and that the field could otherwise take),
    or raise Unchecked."""
    user = world.users[persona]
    visible = target._default_manager.restrict(user, "view").values("pk")

    def candidate():
        rows = target._base_manager.exclude(pk__in=visible).exclude(pk__in=list(exclude))
        if limit:
            rows = rows.complex_filter(limit)
        return rows.order_by("pk").first()

    row = candidate()
    if row is not None:
        return row
    case = case_for(target)
    if case is not None:
        for region in (world.outside(persona), world.regions.get("other_district")):
            # A maker of regions places a child: descend until one fits the field's limit
            # (a grid for Enterprise.grid).
            for _depth in range(4):
                if region is None:
                    break
                try:
                    with transaction.atomic():
                        made = case.make(world, region)
                except Exception:  # a maker that cannot place a row there
                    break
                row = candidate()
                if row is not None:
                    return row
                if isinstance(made, target) and isinstance(limit, dict):
                    # e.g. Enterprise.service_agency takes service agencies only
                    target._base_manager.filter(pk=made.pk).update(**limit)
                    row = candidate()
                    if row is not None:
                        return row
                region = made if isinstance(made, type(region)) and made != region else None
    raise Unchecked(
        f"{model_field_name}: no {target._meta.label} outside the view of {persona} could be found "
        f"or made (register a MatrixCase for {target._meta.label} whose make() can place a row "
        "outside a persona's jurisdiction)"
    )


def _limit_of(model, name):
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # a form or serializer field that is no model field
        return None
    limit = getattr(model_field, "get_limit_choices_to", None)
    return limit() if limit else None


def _stored(model, obj_pk, name):
    """What a record holds in a related field (a set of pks for many-to-many)."""
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return None
    obj = model._base_manager.get(pk=obj_pk)
    if model_field.many_to_many:
        return set(getattr(obj, name).values_list("pk", flat=True))
    return getattr(obj, model_field.attname, None)


def _current(obj, name):
    if obj is None:
        return []
    stored = _stored(type(obj), obj.pk, name)
    if stored is None:
        return []
    return list(stored) if isinstance(stored, set) else [stored]


# --- the check ----------------------------------------------------------------------------------
def check(surface, name, persona, world, client, api_client, role):
    """Submit an out-of-scope target for ``name`` through every surface that offers it."""
    case = case_for(surface.model)
    user = world.users[persona]
    client.force_login(user)
    api_client.force_authenticate(user)
    changing = case.allows(role, "change")
    home = world.home(persona)
    obj = case.make(world, home) if changing else None
    target_model = surface.fields[name]
    target = outside_target(
        world,
        persona,
        f"{surface.model._meta.label}.{name}",
        target_model,
        exclude=_current(obj, name),
        limit=_limit_of(surface.model, name),
    )
    checked = []
    for basename, viewset in surface.viewsets:
        if _check_api(case, basename, viewset, name, target, obj, world, home, api_client, user):
            checked.append(f"API {basename}")
    for url_name, view_class, takes_pk in surface.pages:
        if takes_pk != changing:
            continue
        if _check_page(case, url_name, view_class, name, target, obj, world, home, client, user):
            checked.append(f"page {url_name}")
    return checked


def _api_value(relation, many, target):
    value = relation.to_representation(target)
    return [value] if many else value


def _flat(detail):
    if isinstance(detail, dict):
        return [item for value in detail.values() for item in _flat(value)]
    if isinstance(detail, list):
        return [item for value in detail for item in _flat(value)]
    return [detail]


def _assert_refused(response, name, relation, value, context):
    """400 naming the field with DRF's "object does not exist": the choice is not offered."""
    assert response.status_code == 400, f"{context}: {response.status_code} {response.data}"
    assert name in response.data, f"{context}: {response.data}"
    errors = _flat(response.data[name])
    if any(getattr(error, "code", None) == "does_not_exist" for error in errors):
        return
    # An exception handler may hand back plain strings: compare the message itself.
    language = response.headers.get("Content-Language") or settings.LANGUAGE_CODE
    pk_value = value[0] if isinstance(value, list) else value
    with translation.override(language):
        expected = str(relation.error_messages["does_not_exist"]).format(
            pk_value=pk_value, value=pk_value, slug_name=getattr(relation, "slug_field", "")
        )
    assert expected in [str(error) for error in errors], f"{context}: {response.data}"


def _check_api(case, basename, viewset, name, target, obj, world, home, api_client, user):
    request = SimpleNamespace(user=user)
    serializer = _serializer_class(viewset)(instance=obj, context={"request": request})
    field = serializer.fields.get(name)
    if field is None or field.read_only:
        return False  # not writable by this persona through this serializer
    many = isinstance(field, serializers.ManyRelatedField)
    relation = field.child_relation if many else field
    value = _api_value(relation, many, target)
    context = f"API {basename} {name}={target.pk} ({target}) as {user.username}"
    if obj is not None:
        before = _stored(case.model, obj.pk, name)
        response = api_client.patch(
            reverse(f"{basename}-detail", args=[obj.pk]), {name: value}, format="json"
        )
        _assert_refused(response, name, relation, value, context)
        assert _stored(case.model, obj.pk, name) == before, f"{context}: written"
    else:
        data = {**case.api_data(world, home), name: value}
        response = api_client.post(reverse(f"{basename}-list"), data, format="json")
        _assert_refused(response, name, relation, value, context)
        assert not case.created(data), f"{context}: created"
    return True


def page_form(view_class, user, obj, takes_pk):
    """The form a page view builds for ``user`` (for ``obj`` when it edits one)."""
    request = RequestFactory().get("/")
    request.user = user
    view = view_class()
    view.setup(request, **({"pk": obj.pk} if takes_pk else {}))
    view.object = obj
    return view.get_form()


def _check_page(case, url_name, view_class, name, target, obj, world, home, client, user):
    context = f"page {url_name} {name}={target.pk} ({target}) as {user.username}"
    form = page_form(view_class, user, obj, obj is not None)
    if name not in form_related_fields(form):
        return False  # this persona's form does not offer the field
    if obj is not None:
        url = reverse(url_name, args=[obj.pk])
        data = dict(case.change_data(obj))
        before = _stored(case.model, obj.pk, name)
    else:
        url = reverse(url_name)
        data = dict(case.form_data(world, home))
    multiple = isinstance(form.fields[name], forms.ModelMultipleChoiceField)
    data[name] = [target.pk] if multiple else target.pk
    response = client.post(url, data)
    assert response.status_code == 200, f"{context}: {response.status_code}"
    errors = response.context["form"].errors.as_data()
    codes = {error.code for error in errors.get(name, [])}
    assert "invalid_choice" in codes, f"{context}: errors {errors}"
    if obj is not None:
        assert _stored(case.model, obj.pk, name) == before, f"{context}: written"
    else:
        assert not case.created(data), f"{context}: created"
    return True
