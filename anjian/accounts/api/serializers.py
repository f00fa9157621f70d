from django.contrib.auth.models import Group
from rest_framework import serializers

from anjian.accounts import roles
from anjian.accounts.models import Organization, User
from anjian.core.api.serializers import ScopedModelSerializer


class OrganizationSerializer(ScopedModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "region",
            "parent",
            "phone",
            "address",
            "notes",
        ]


class UserSerializer(ScopedModelSerializer):
    roles = serializers.SlugRelatedField(
        source="groups",
        many=True,
        slug_field="name",
        required=False,
        queryset=Group.objects.filter(name__in=list(roles.ROLES)),
    )
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "phone",
            "email",
            "organization",
            "jurisdiction",
            "roles",
            "status",
            "is_active",
            "password",
        ]
        read_only_fields = ["status", "is_active"]
        # Roles belong to no place: the fixed table of roles.ROLES; who may give them is the
        # user model's change permission.
        unscoped_related = {"roles"}

    def validate_password(self, value):
        from django.contrib.auth.password_validation import validate_password

        validate_password(value)
        return value

    def create(self, validated_data):
        password = validated_data.pop("password", None)
        user = super().create(validated_data)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
        return user

    def update(self, instance, validated_data):
        password = validated_data.pop("password", None)
        user = super().update(instance, validated_data)
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user
