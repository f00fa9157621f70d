"""The access matrix's generated related-field column (``anjian.core.testing.relscope``).

For every writable related field of every API serializer and page form × every persona whose role
may write the model, a target outside the persona's view is refused (API 400, page form error)
and nothing is written. The surfaces come from the API router and the URL conf, so a new
viewset, page, model or field joins by itself; the guards below fail when one cannot be checked.
"""

import importlib
import pkgutil

import pytest
from django import forms

import anjian
from anjian.accounts.testing import personas
from anjian.core.api.serializers import ScopedModelSerializer
from anjian.core.forms import ScopedModelForm
from anjian.core.testing import relscope
from tests.test_access_matrix import _discover

_discover()
PERSONAS = personas()
PARAMS = [
    pytest.param(surface, name, persona, id=f"{surface.model._meta.label_lower}.{name}-{persona}")
    for surface, name, persona in relscope.related_params(PERSONAS)
]


@pytest.mark.parametrize(("surface", "name", "persona"), PARAMS)
def test_out_of_scope_target_is_refused(surface, name, persona, world, client, api_client):
    checked = relscope.check(
        surface, name, persona, world, client, api_client, role=PERSONAS[persona][0]
    )
    if not checked:  # e.g. the enterprise manager's contact form and read-only API fields
        pytest.skip(f"no serializer or form offers {name} to {persona}")


def test_the_generated_column_is_not_empty():
    """The known holes of issue 7 are in the generated column."""
    ids = {p.id for p in PARAMS}
    assert "enterprises.enterprise.landlord-subdistrict_officer" in ids
    assert "accounts.organization.parent-subdistrict_officer" in ids
    assert "training.attendance.session-enterprise_manager" in ids
    assert "training.attendance.person-enterprise_manager" in ids


def test_every_surface_is_in_the_matrix():
    """Every model written through the API or a page has a MatrixCase (records to write, targets
    to place outside a persona), and so has every model a related field points to."""
    missing = set()
    for model, surface in relscope.surfaces().items():
        if relscope.case_for(model) is None:
            missing.add(model._meta.label)
        for name, target in surface.fields.items():
            if relscope.case_for(target) is None and not _declared_unscoped(surface, name):
                missing.add(f"{target._meta.label} (target of {model._meta.label}.{name})")
    assert not missing, f"no MatrixCase, so the related-field column cannot check: {missing}"


def _declared_unscoped(surface, name):
    return name in _unscoped_names(surface)


def _unscoped_names(surface):
    names = set()
    for _basename, viewset in surface.viewsets:
        meta = getattr(relscope._serializer_class(viewset), "Meta", None)
        names |= set(getattr(meta, "unscoped_related", ()))
    for _url, view_class, takes_pk in surface.pages:
        for form_class in relscope.form_classes(view_class, takes_pk):
            names |= set(getattr(getattr(form_class, "Meta", None), "unscoped_related", ()))
    return names


def test_every_api_serializer_and_page_form_is_scoped():
    """Every viewset's serializer is a ScopedModelSerializer, every page form a ScopedModelForm."""
    wrong = []
    for surface in relscope.surfaces().values():
        for basename, viewset in surface.viewsets:
            serializer_class = relscope._serializer_class(viewset)
            if not issubclass(serializer_class, ScopedModelSerializer):
                wrong.append(f"API {basename}: {serializer_class.__name__}")
        for url_name, view_class, takes_pk in surface.pages:
            for form_class in relscope.form_classes(view_class, takes_pk):
                if not issubclass(form_class, ScopedModelForm):
                    wrong.append(f"page {url_name}: {form_class.__name__}")
    assert not wrong, f"not scoped by construction: {wrong}"


def _app_form_classes():
    """Every form class defined in an ``anjian.<app>.forms`` module."""
    found = []
    for info in pkgutil.iter_modules(anjian.__path__):
        if not info.ispkg:
            continue
        name = f"anjian.{info.name}.forms"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
                and not (issubclass(value, forms.BaseModelForm) and value._meta.model is None)
            ):
                found.append(value)
    return found


def test_every_form_without_a_user_offers_no_related_choice(world):
    """Fail closed: any form with a related field, built without a user, offers nothing."""
    open_fields = []
    checked = 0
    for form_class in _app_form_classes():
        try:
            form = form_class(user=None)
        except TypeError:  # a form that takes no user must not have related fields
            form = form_class()
        unscoped = getattr(getattr(form_class, "Meta", None), "unscoped_related", ())
        for name, field in form.fields.items():
            if name in unscoped:
                continue
            if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
                checked += 1
                if field.queryset.exists():
                    open_fields.append(f"{form_class.__name__}.{name}")
    assert checked, "no form with a related field was found"
    assert not open_fields, f"related choices offered to nobody in particular: {open_fields}"


def test_every_serializer_without_a_user_offers_no_related_choice(world):
    """Fail closed: any viewset's serializer without a request offers no related row."""
    open_fields = []
    for _model, surface in relscope.surfaces().items():
        unscoped = _unscoped_names(surface)
        for _basename, viewset in surface.viewsets:
            serializer = relscope._serializer_class(viewset)(context={})
            for name, _field, relation in relscope.related_fields(serializer.fields):
                if name not in unscoped and relation.get_queryset().exists():
                    open_fields.append(f"{type(serializer).__name__}.{name}")
    assert not open_fields, f"related choices offered to nobody in particular: {open_fields}"


def test_every_model_field_of_ours_points_to_a_scoped_model():
    """A relation to a model without ``restrict`` is flagged, unless a surface declares it."""
    declared = {
        (surface.model, name)
        for surface in relscope.surfaces().values()
        for name in _unscoped_names(surface)
    }
    unscoped = []
    for model, surface in relscope.surfaces().items():
        for name, target in surface.fields.items():
            if not hasattr(target._default_manager, "restrict") and (model, name) not in declared:
                unscoped.append(f"{model._meta.label}.{name} → {target._meta.label}")
    assert not unscoped, unscoped
