"""The defaults of regulations.md: the gas thresholds and the filing's attachment kinds.

Administrators change them afterwards; a row already there (same code) is left as it is.
"""

from decimal import Decimal

from django.db import migrations

# code, name, unit, minimum, maximum, maximum inclusive, warn above, molar mass, source, order
THRESHOLDS = [
    ("O2", "氧气", "pct_vol", "19.5", "23.5", True, "21", "32.00", "GB 30871 / GB 8958", 10),
    ("LEL", "可燃气体", "pct_lel", None, "10", False, None, None, "GB 30871（< 10 % LEL）", 20),
    ("H2S", "硫化氢", "mg_m3", None, "10", True, None, "34.08", "GBZ 2.1-2019 MAC", 30),
    ("CO", "一氧化碳", "mg_m3", None, "20", True, None, "28.01", "GBZ 2.1-2019 PC-TWA", 40),
    ("CO2", "二氧化碳", "mg_m3", None, "9000", True, None, "44.01", "GBZ 2.1-2019 PC-TWA", 50),
    ("NH3", "氨", "mg_m3", None, "20", True, None, "17.03", "GBZ 2.1-2019 PC-TWA", 60),
]

# code, name, required, generated, order
ATTACHMENT_KINDS = [
    ("approval_form", "有限空间作业审批表", True, True, 10),
    ("gas_test_form", "气体检测记录表", True, True, 20),
    ("work_plan", "有限空间作业方案", True, True, 30),
]


def _decimal(value):
    return None if value is None else Decimal(value)


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("GasThreshold", "AttachmentKind")


def seed(apps, schema_editor):
    GasThreshold = apps.get_model("permits", "GasThreshold")
    AttachmentKind = apps.get_model("permits", "AttachmentKind")
    for code, name, unit, low, high, inclusive, warn, mass, source, order in THRESHOLDS:
        GasThreshold.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "minimum": _decimal(low),
                "maximum": _decimal(high),
                "maximum_inclusive": inclusive,
                "warn": _decimal(warn),
                "molar_mass": _decimal(mass),
                "source": source,
                "order": order,
            },
        )
    for code, name, required, generated, order in ATTACHMENT_KINDS:
        AttachmentKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "required": required, "generated": generated, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("permits", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
