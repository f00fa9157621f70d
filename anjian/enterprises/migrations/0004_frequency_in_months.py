"""Inspection intervals in calendar months (regulations.md: A monthly, B quarterly, C half-yearly,
D yearly), not in days: 30 days is not "monthly" in February or in a 31-day month.

Existing rows convert to the nearest whole number of months (30 → 1, 90 → 3, 182 → 6,
365 → 12; any other value an administrator set rounds the same way, at least 1)."""

from django.db import migrations, models
from django.db.models import Q

DAYS_PER_MONTH = 365.25 / 12


MODELS = ("GradeFrequency", "HistoricalGradeFrequency")


def days_to_months(apps, schema_editor):
    for name in MODELS:
        for row in apps.get_model("enterprises", name).objects.all():
            row.interval_months = max(1, round(row.interval_days / DAYS_PER_MONTH))
            row.save(update_fields=["interval_months"])


def months_to_days(apps, schema_editor):
    for name in MODELS:
        for row in apps.get_model("enterprises", name).objects.all():
            row.interval_days = max(1, round(row.interval_months * DAYS_PER_MONTH))
            row.save(update_fields=["interval_days"])


FIELD = dict(
    help_text=(
        "Calendar months between two routine inspections of an enterprise of this "
        "grade (1 monthly, 3 quarterly, 6 half-yearly, 12 yearly)."
    ),
    verbose_name="inspection interval (months)",
)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0003_enterprise_assigned_permission")]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="interval_months",
                field=models.PositiveSmallIntegerField(null=True),
            )
            for model in ("gradefrequency", "historicalgradefrequency")
        ),
        migrations.RunPython(days_to_months, months_to_days),
        migrations.RemoveConstraint(
            model_name="gradefrequency", name="enterprises_frequency_positive"
        ),
        *(
            op
            for model in ("gradefrequency", "historicalgradefrequency")
            for op in (
                migrations.RemoveField(model_name=model, name="interval_days"),
                migrations.AlterField(
                    model_name=model,
                    name="interval_months",
                    field=models.PositiveSmallIntegerField(**FIELD),
                ),
            )
        ),
        migrations.AddConstraint(
            model_name="gradefrequency",
            constraint=models.CheckConstraint(
                condition=Q(interval_months__gte=1), name="enterprises_frequency_positive_months"
            ),
        ),
    ]
