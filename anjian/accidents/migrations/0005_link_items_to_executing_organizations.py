"""Existing accountability items get their executing organisation where the executing body's text
is exactly the name of one organisation on file (a name two organisations share is left alone).
The text stays: the report still prints it (``AccountabilityItem.executor_name``)."""

from django.db import migrations


def link(apps, schema_editor):
    AccountabilityItem = apps.get_model("accidents", "AccountabilityItem")
    Organization = apps.get_model("accounts", "Organization")
    names = set(
        AccountabilityItem.objects.filter(executing_organization__isnull=True)
        .exclude(executing_body="")
        .values_list("executing_body", flat=True)
    )
    for name in names:
        organizations = list(Organization.objects.filter(name=name.strip())[:2])
        if len(organizations) != 1:
            continue
        AccountabilityItem.objects.filter(
            executing_organization__isnull=True, executing_body=name
        ).update(executing_organization=organizations[0])


class Migration(migrations.Migration):
    dependencies = [
        ("accidents", "0004_accountabilityitem_executing_organization"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
