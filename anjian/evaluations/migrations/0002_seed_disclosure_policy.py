"""The disclosure policy's seeded rows (``rules.POLICY_DEFAULTS``): enterprise staff names and
political status masked in the public version, officials' names and positions published."""

from django.db import migrations

DEFAULTS = {
    "staff_name": True,
    "official_name": False,
    "political_status": True,
    "position": False,
}


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("DisclosurePolicy",)


def seed(apps, schema_editor):
    DisclosurePolicy = apps.get_model("evaluations", "DisclosurePolicy")
    for field, masked in DEFAULTS.items():
        DisclosurePolicy.objects.get_or_create(field=field, defaults={"masked": masked})


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
