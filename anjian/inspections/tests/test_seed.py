"""The seeded legal bases and checklist templates (data migration 0002)."""

from decimal import Decimal

import pytest

from anjian.inspections.models import ChecklistTemplate, LegalBasis

pytestmark = pytest.mark.django_db


def test_legal_bases_of_regulations_are_seeded_with_their_ranges():
    art114 = LegalBasis.objects.get(law="安全生产法", article="114", clause="(1)")
    assert (art114.fine_min, art114.fine_max) == (Decimal(300000), Decimal(1000000))
    art95 = LegalBasis.objects.get(law="安全生产法", article="95", clause="(1)")
    assert art95.party == "person" and art95.fine_max is None
    assert "百分之四十" in art95.penalty_text
    art21 = LegalBasis.objects.get(law="工贸企业有限空间作业安全规定", article="21", clause="(3)")
    assert art21.fine_max == Decimal(50000) and art21.person_fine_max == Decimal(10000)
    art20 = LegalBasis.objects.get(law="工贸企业有限空间作业安全规定", article="20", clause="(2)")
    assert art20.fine_max == Decimal(100000)
    art19 = LegalBasis.objects.get(law="工贸企业有限空间作业安全规定", article="19", clause="(1)")
    assert art19.fine_max == Decimal(50000)


def test_four_templates_seeded_current_version_one():
    codes = dict(ChecklistTemplate.objects.values_list("code", "version"))
    assert codes == {
        "confined-space": 1,
        "self-check": 1,
        "park": 1,
        "permit-spot-check": 1,
    }
    special = ChecklistTemplate.objects.get(code="confined-space")
    texts = [(i.section, i.legal_basis and i.legal_basis.article) for i in special.items.all()]
    sections = [s for s, _ in texts]
    for section in (
        "辨识与台账",
        "警示标志",
        "物理隔离",
        "作业审批",
        "通风检测",
        "作业监护",
        "安全培训",
        "装备器材",
        "应急处置",
    ):
        assert section in sections
    assert all(article for s, article in texts if s != "承包作业")
    assert all(i.penalty_text for i in special.items.all())


def test_safety_law_article_96_is_seeded_once_as_a_share_of_income():
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    rows = LegalBasis.objects.filter(law="安全生产法", article="96", clause="")
    art96 = rows.get()
    assert art96.party == "person" and art96.active
    assert (art96.fine_min, art96.fine_max, art96.person_fine_min, art96.person_fine_max) == (
        None,
        None,
        None,
        None,
    )
    assert "百分之二十以上百分之五十以下" in art96.penalty_text
    # Run again (e.g. over a database where the enforcement demo had created it): nothing added.
    art96.penalty_text = "管理员改过的文字"
    art96.save()
    migration = importlib.import_module(
        "anjian.inspections.migrations.0003_seed_safety_law_article_96"
    )
    editor = SimpleNamespace(connection=connection)
    migration.seed(apps, editor)
    assert rows.count() == 1 and rows.get().penalty_text == "管理员改过的文字"
    rows.delete()
    migration.seed(apps, editor)
    assert rows.get().penalty_text.startswith("责令限期改正")
