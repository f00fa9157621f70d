from django.db import migrations


class Migration(migrations.Migration):
    """The calendar lists the latest days first (the year being kept is the one read most)."""

    dependencies = [("enforcement", "0002_seed_calendar")]

    operations = [
        migrations.AlterModelOptions(
            name="calendarday",
            options={
                "ordering": ["-date"],
                "verbose_name": "calendar day",
                "verbose_name_plural": "calendar days",
            },
        ),
    ]
