"""The SQLite index of the enterprise search (core.search): an FTS5 trigram table kept in step by
triggers, and the search narrowed by it for terms of 3+ characters."""

import pytest
from django.db import connection

from anjian.enterprises.filtersets import search_enterprises
from anjian.enterprises.models import Enterprise, EnterpriseMembership
from anjian.enterprises.testing import EnterpriseFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's"),
]

FTS = Enterprise.search_index.fts


def _fts_rows(term):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [f'"{term}"'])
        return {row[0] for row in cursor.fetchall()}


def _found(query):
    return set(search_enterprises(Enterprise.objects.all(), query).values_list("name", flat=True))


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[-1] for row in cursor.fetchall())


def test_search_finds_by_initials_chinese_and_uscc_prefix(world):
    inside = world.enterprises["inside"]  # 江门市恒亦达电子有限公司
    assert inside.name in _found("hyd")
    assert inside.name in _found("恒亦达")
    assert inside.name in _found(inside.uscc[:8])
    # the index narrows, the exact rule decides: a USCC matches from its start only
    assert inside.name not in _found(inside.uscc[4:12])


def test_query_plan_uses_the_fts_table(world):
    plan = _plan(search_enterprises(Enterprise.objects.all(), "hyd"))
    assert "VIRTUAL TABLE INDEX" in plan and FTS in plan, plan
    # through a relation (tenant__ / enterprise__ prefixes) too
    plan = _plan(search_enterprises(EnterpriseMembership.objects.all(), "hyd", "enterprise__"))
    assert FTS in plan, plan


def test_short_terms_keep_like(world):
    """Trigram cannot match 1–2 characters: those stay a LIKE (bounded by the user's scope)."""
    assert FTS not in _plan(search_enterprises(Enterprise.objects.all(), "恒亦"))
    assert world.enterprises["inside"].name in _found("恒亦")


def test_insert_rename_delete_stay_in_step(world):
    village = world.regions["village"]
    made = EnterpriseFactory(name="台山市广海湾渔业有限公司", region=village)
    assert made.pk in _fts_rows("ghw")  # pinyin initials, derived on save
    assert made.name in _found("广海湾")

    made.name = "台山市川岛旅游有限公司"
    made.save()
    assert made.pk not in _fts_rows("广海湾")
    assert made.pk in _fts_rows("川岛旅")
    assert _found("广海湾") == set()
    assert made.name in _found("chuandao")

    Enterprise.objects.filter(pk=made.pk).update(name="台山市上川岛渔港有限公司")  # no save()
    assert made.pk in _fts_rows("渔港有")

    pk = made.pk
    Enterprise.objects.filter(pk=pk).delete()
    assert pk not in _fts_rows("渔港有")


def test_repair_after_a_table_rebuild(world):
    """Django remakes a SQLite table on many ALTERs, dropping its triggers; ensure() puts them back
    and refills the index."""
    index = Enterprise.search_index
    assert index.ensure(connection) is False  # nothing missing after migrate
    with connection.cursor() as cursor:
        for trigger in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER {FTS}_{trigger}")
        cursor.execute(f"DELETE FROM {FTS}")
    made = EnterpriseFactory(name="恩平市温泉度假有限公司", region=world.regions["village"])
    assert made.pk not in _fts_rows("温泉度")
    assert index.ensure(connection) is True
    assert made.pk in _fts_rows("温泉度")
    assert world.enterprises["inside"].pk in _fts_rows("恒亦达")
