"""The mechanism itself: every kind of related field, nested serializers, unscoped targets."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from anjian.accounts.models import Organization
from anjian.core.api.serializers import ScopedModelSerializer
from anjian.core.forms import ScopedModelForm
from anjian.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def _context(user):
    return {"request": SimpleNamespace(user=user)}


class _Link(serializers.Serializer):
    """A plain nested serializer (not a ScopedModelSerializer) with a related field."""

    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise._base_manager.all())


class _OrganizationWithLinks(ScopedModelSerializer):
    by_name = serializers.SlugRelatedField(
        source="parent",
        slug_field="name",
        queryset=Organization.objects.filter(name__isnull=False),
        required=False,
    )
    links = _Link(many=True, required=False, write_only=True)
    neighbours = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Enterprise.objects, required=False, write_only=True
    )

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "region", "by_name", "links", "neighbours"]


def test_slug_many_and_nested_related_fields_are_scoped(world):
    officer = world.users["subdistrict_officer"]
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    serializer = _OrganizationWithLinks(context=_context(officer))

    fields = serializer.fields
    assert set(fields["neighbours"].child_relation.queryset) == {inside}
    nested = fields["links"].child.fields["enterprise"].queryset
    assert inside in nested and outside not in nested
    slugs = set(fields["by_name"].queryset.values_list("name", flat=True))
    assert "外海街道办事处" in slugs and "江南街道办事处" not in slugs


def test_a_nested_write_with_an_outside_target_is_refused(world):
    officer = world.users["subdistrict_officer"]
    data = {
        "name": "外海安全协会",
        "kind": "department",
        "region": world.regions["subdistrict"].pk,
        "links": [{"enterprise": world.enterprises["outside"].pk}],
        "neighbours": [world.enterprises["outside"].pk],
    }
    serializer = _OrganizationWithLinks(data=data, context=_context(officer))

    assert not serializer.is_valid()
    assert {"links", "neighbours"} <= set(serializer.errors)


def test_a_related_field_to_an_unscoped_model_is_flagged():
    class Careless(ScopedModelSerializer):
        group = serializers.PrimaryKeyRelatedField(queryset=Group.objects.all())

        class Meta:
            model = Organization
            fields = ["id", "group"]

    with pytest.raises(ImproperlyConfigured, match=r"auth\.Group"):
        Careless(context={}).fields  # noqa: B018


def test_a_form_field_to_an_unscoped_model_is_flagged():
    class CarelessForm(ScopedModelForm):
        group = forms.ModelChoiceField(queryset=Group.objects.all())

        class Meta:
            model = Organization
            fields = ["name"]

    with pytest.raises(ImproperlyConfigured, match=r"auth\.Group"):
        CarelessForm(user=None)


def test_a_form_keeps_the_current_out_of_view_choice_and_refuses_another(world):
    officer = world.users["subdistrict_officer"]
    office = world.organizations["subdistrict_office"]
    office.parent = world.organizations["bureau"]  # the district's, outside the officer's view
    office.save()
    from anjian.accounts.forms import OrganizationForm

    choices = set(OrganizationForm(instance=office, user=officer).fields["parent"].queryset)

    assert world.organizations["bureau"] in choices
    assert world.organizations["committee"] not in choices
