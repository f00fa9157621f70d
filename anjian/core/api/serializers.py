import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from anjian.core.scoping import ScopedQuerySet


class ScopedModelSerializer(serializers.ModelSerializer):
    """Related-object choices narrowed to what the requesting user may view."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if user is not None and isinstance(queryset, ScopedQuerySet):
                related.queryset = queryset.restrict(user, "view")
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
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        return attrs


class TransitionRequestSerializer(serializers.Serializer):
    transition = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
