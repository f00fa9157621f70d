"""Seed the default certificate validity of regulations.md (one year) for every training kind;
administrators change it per kind later."""

from django.db import migrations

KINDS = ["confined_space", "leadership_monthly", "warning_education", "skills_contest", "other"]


def seed(apps, schema_editor):
    TrainingValidity = apps.get_model("training", "TrainingValidity")
    for kind in KINDS:
        TrainingValidity.objects.get_or_create(kind=kind, defaults={"validity_days": 365})


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
