"""The list cells' shortcuts (issue 9) give what the long way gives: a date's text remembered per
language and format, a linked plain field's URL taken from the record itself."""

from datetime import date

import django_tables2 as tables
from django.utils import translation
from django.utils.formats import date_format

from anjian.core.tables import _DATE_TEXTS, BaseTable, _CellPlan, format_date
from anjian.regions.models import Region


def test_format_date_is_date_format_in_every_language_and_format():
    days = [date(2024, 2, 29), date(2026, 12, 1), date(1999, 1, 9)]
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for name in ("SHORT_DATE_FORMAT", "DATE_FORMAT", "Y-m-d"):
                for day in days:
                    assert format_date(day, name) == date_format(day, name)
                    assert format_date(day, name) == date_format(day, name)  # remembered
    # the language is part of what is remembered (a language may write its dates otherwise)
    assert {key[0] for key in _DATE_TEXTS} >= {"en", "zh-hans"}


def test_format_date_leaves_datetimes_to_date_format():
    from datetime import datetime

    moment = datetime(2026, 12, 1, 8, 30)
    assert format_date(moment, "SHORT_DATETIME_FORMAT") == date_format(
        moment, "SHORT_DATETIME_FORMAT"
    )
    assert not any(key[2] == moment for key in _DATE_TEXTS)


class _Linked(BaseTable):
    name = tables.Column(linkify=True)
    code = tables.Column(linkify=lambda record: f"/elsewhere/{record.pk}/")

    class Meta(BaseTable.Meta):
        model = Region
        fields = ["name", "code"]


def test_a_linked_plain_field_uses_the_records_own_url(db):
    region = Region.objects.create(name="某市<b>", code="R-1", level="city")
    table = _Linked([region])
    rows = list(table.rows)
    by_name = {bound.name: _CellPlan(table, bound) for bound in table.columns}
    assert by_name["name"].cell(rows[0]) == rows[0].get_cell("name")
    assert by_name["name"].own_url == {Region: True}
    assert by_name["code"].cell(rows[0]) == rows[0].get_cell("code")
    assert by_name["code"].own_url == {Region: False}  # a callable URL goes the long way
    assert f'href="{region.get_absolute_url()}"' in by_name["name"].cell(rows[0])
    assert "&lt;b&gt;" in by_name["name"].cell(rows[0])
