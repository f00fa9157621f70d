"""Seed 安全生产法 (2021) Art. 96: the other principals and the safety managers not fulfilling their
safety management duties (the enforcement demo's penalty of 刘永臣 rests on it).

The accident fine is a share of last year's income, not an amount, so the fine ranges stay empty
and the penalty is in words. Idempotent: an existing row (by law, article, clause — e.g. one the
enforcement demo created before this migration) is left as administrators edited it.
"""

from django.db import migrations
from django.db.models import Max

LAW = "安全生产法"
ARTICLE = "96"
CLAUSE = ""
SUMMARY = "生产经营单位的其他负责人和安全生产管理人员未履行本法规定的安全生产管理职责的。"
PENALTY = (
    "责令限期改正，处一万元以上三万元以下的罚款；导致发生生产安全事故的，暂停或者吊销其与安全"
    "生产有关的资格，并处上一年年收入百分之二十以上百分之五十以下的罚款"
)


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("LegalBasis",)


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("inspections", "LegalBasis")
    rows = LegalBasis.objects.using(schema_editor.connection.alias)
    if rows.filter(law=LAW, article=ARTICLE, clause=CLAUSE).exists():
        return
    last = rows.aggregate(last=Max("order"))["last"] or 0
    rows.create(
        law=LAW,
        article=ARTICLE,
        clause=CLAUSE,
        party="person",
        summary=SUMMARY,
        penalty_text=PENALTY,
        order=last + 1,
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_seed_legal_bases_and_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
