"""The statutory accident level thresholds (生产安全事故报告和调查处理条例 Art. 3): a level is reached
when any one measure reaches its lower bound; 一般 is what reaches none of the others."""

from decimal import Decimal

from django.db import migrations

THRESHOLDS = [
    # level, deaths from, serious injuries from, direct loss from (yuan)
    ("ordinary", 0, 0, Decimal("0")),
    ("larger", 3, 10, Decimal("10000000")),
    ("major", 10, 50, Decimal("50000000")),
    ("extraordinary", 30, 100, Decimal("100000000")),
]


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("AccidentLevelThreshold",)


def seed(apps, schema_editor):
    Threshold = apps.get_model("accidents", "AccidentLevelThreshold")
    for level, deaths, injuries, loss in THRESHOLDS:
        Threshold.objects.get_or_create(
            level=level,
            defaults={
                "min_deaths": deaths,
                "min_serious_injuries": injuries,
                "min_direct_loss": loss,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accidents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
