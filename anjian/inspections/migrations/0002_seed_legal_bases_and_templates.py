"""Seed the legal bases of regulations.md and the four checklist templates (version 1).

Idempotent: rows that exist (by law/article/clause, by template code) are left as administrators
edited them."""

from django.db import migrations

# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("LegalBasis", "ChecklistTemplate")


def seed(apps, schema_editor):
    from anjian.inspections import seed_data

    LegalBasis = apps.get_model("inspections", "LegalBasis")
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Item = apps.get_model("inspections", "ChecklistItem")
    bases = {}
    for order, row in enumerate(seed_data.LEGAL_BASES, start=1):
        law, article, clause, party, fmin, fmax, pmin, pmax, summary, penalty = row
        basis, _ = LegalBasis.objects.get_or_create(
            law=law,
            article=article,
            clause=clause,
            defaults={
                "party": party,
                "fine_min": fmin,
                "fine_max": fmax,
                "person_fine_min": pmin,
                "person_fine_max": pmax,
                "summary": summary,
                "penalty_text": penalty,
                "order": order,
            },
        )
        bases[(law, article, clause)] = basis
    for code, (name, kind, description, items) in seed_data.TEMPLATES.items():
        if Template.objects.filter(code=code).exists():
            continue
        template = Template.objects.create(
            code=code, name=name, kind=kind, description=description, version=1, is_current=True
        )
        for order, (section, text, key, category) in enumerate(items, start=1):
            basis = bases.get(key) if key else None
            Item.objects.create(
                template=template,
                section=section,
                order=order * 10,
                text=text,
                legal_basis=basis,
                penalty_text=basis.penalty_text if basis else "",
                hazard_category=category,
            )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
