"""The API's serializer base: related choices scoped by construction, the model's rules applied."""

import copy

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from anjian.core.forms import scoped_choices
from anjian.core.masking import MaskedFieldsMixin
from anjian.core.models import check_written_fields
from anjian.core.validators import validate_phone


def serializer_user(serializer):
    """The user a serializer works for: ``context["user"]``, else the request's user, else None."""
    context = serializer.context
    user = context.get("user")
    if user is None:
        user = getattr(context.get("request"), "user", None)
    return user


def related_fields(fields):
    """``(name, field, relation)`` for every writable related field of a serializer's ``fields``.

    ``relation`` is the field holding the queryset: the field itself (PrimaryKeyRelatedField,
    SlugRelatedField, HyperlinkedRelatedField, …) or a ManyRelatedField's ``child_relation``.
    """
    for name, field in fields.items():
        if getattr(field, "read_only", False):
            continue
        relation = (
            field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        )
        if isinstance(relation, serializers.RelatedField) and not relation.read_only:
            yield name, field, relation


def nested_serializers(fields):
    """``(name, serializer)`` for every writable nested serializer (the child of a ``many``)."""
    for name, field in fields.items():
        if getattr(field, "read_only", False):
            continue
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            yield name, field


def restrict_related_fields(fields, user, *, instance=None, owner="serializer", unscoped=()):
    """Narrow every writable related field in ``fields`` to the rows ``user`` may view.

    Whatever DRF handed the field — a Manager (a plain ForeignKey), a QuerySet (one with
    ``limit_choices_to``, or written by hand) — the field accepts only ``restrict(user, "view")`` of
    its target; with no user, nothing (fail closed). A saved ``instance`` keeps its current target
    even when the user cannot see it, as on the page form. A target model without ``restrict`` is a
    configuration error unless the field is named in ``unscoped`` (``Meta.unscoped_related``).
    Nested serializers are scoped too: a ``ScopedModelSerializer`` scopes itself when it is bound
    (its context is its parent's); any other serializer's fields are scoped here.
    """
    for name, field, relation in related_fields(fields):
        if name in unscoped:
            continue
        queryset = relation.queryset
        if queryset is None:  # a field that computes its choices in get_queryset()
            raise ImproperlyConfigured(
                f"{owner}.{name}: a writable related field without a queryset cannot be scoped; "
                "give it a queryset."
            )
        current = current_ids(instance, field.source or name)
        restricted = scoped_choices(queryset, user, current=current)
        if restricted is None:
            raise ImproperlyConfigured(
                f"{owner}.{name}: its target {queryset.model._meta.label} has no restrict(); "
                "give the model a ScopedManager, or name the field in Meta.unscoped_related "
                "with the reason why any row may be chosen."
            )
        relation.queryset = restricted
    for name, nested in nested_serializers(fields):
        if isinstance(nested, ScopedModelSerializer):
            continue  # scopes its own fields once bound, with the root's context
        restrict_related_fields(
            nested.fields,
            user,
            owner=f"{owner}.{name}",
            unscoped=getattr(getattr(nested, "Meta", None), "unscoped_related", ()),
        )


def current_ids(instance, source):
    """The pk (or pks, as a subquery) ``instance`` refers to through ``source``, or None."""
    if not isinstance(instance, models.Model) or instance.pk is None or not source:
        return None
    if "." in source:
        return None
    try:
        model_field = instance._meta.get_field(source)
    except Exception:  # a serializer source that is not a model field
        return None
    if model_field.many_to_many:
        return getattr(instance, source).values("pk")
    if not model_field.is_relation or not model_field.concrete:
        return None
    value = getattr(instance, model_field.attname, None)
    return [value] if value is not None else None


class ScopedModelSerializer(MaskedFieldsMixin, serializers.ModelSerializer):
    """A ModelSerializer whose every related field accepts only what the user may view.

    The user comes from the context (``request.user``, or ``user``); without one every related
    field is empty. ``Meta.unscoped_related`` names fields whose target deliberately has no
    jurisdiction (e.g. the roles a user holds); any other field to such a model is an error.
    """

    def get_fields(self):
        fields = super().get_fields()
        meta = getattr(self, "Meta", None)
        restrict_related_fields(
            fields,
            serializer_user(self),
            instance=self.instance,
            owner=type(self).__name__,
            unscoped=getattr(meta, "unscoped_related", ()),
        )
        apply_api_input_rules(fields)
        return fields

    def validate(self, attrs):
        """Run the model's own ``clean()`` so the API applies the rules the pages apply."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {f.name for f in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            check_written_fields(instance, attrs)  # date bounds, check constraints (core.models)
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        return attrs


def apply_api_input_rules(fields):
    """The forms' input rules (core.validators.apply_input_rules) for the API: a field named
    ``phone`` or ``*_phone`` accepts only a phone number, so page, import and API agree."""
    for name, field in fields.items():
        if field.read_only or not isinstance(field, serializers.CharField):
            continue
        if (name == "phone" or name.endswith("_phone")) and validate_phone not in field.validators:
            field.validators = [*field.validators, validate_phone]


class TransitionRequestSerializer(serializers.Serializer):
    transition = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
