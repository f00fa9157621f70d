"""List rendering without the template engine per cell (issue 9: ≤ 0.5 ms a row).

Badge cells are built in Python (``core.tables.status_badge``, ``enterprises.tables.grade_badge``,
``training.tables.certificate_state_badge``) and the rows by ``BaseTable.tbody_html``; these tests
hold that output to what the templates drew, and the number of template renders of a list page
flat from 1 to many rows (it grew by one or more per row and badge column before)."""

import datetime
import re
from collections import Counter

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import translation

from anjian.core.tables import STATUS_COLOURS, status_badge
from anjian.enterprises.choices import RiskGrade
from anjian.enterprises.models import Enterprise
from anjian.enterprises.tables import EnterpriseTable, grade_badge
from anjian.enterprises.testing import EnterpriseFactory, IndustryFactory
from anjian.training.tables import certificate_state_badge
from anjian.training.testing import certificate_in


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def same(html):
    return re.sub(r"\s+", " ", str(html)).strip()


@pytest.mark.parametrize(
    "value",
    [code for codes in STATUS_COLOURS.values() for code in codes] + ["draft", "cancelled", ""],
)
def test_status_badge_is_the_templates_badge(value):
    label = f"标签{value}" if value else ""
    expected = render_to_string("core/status_badge.html", {"value": value, "label": label})
    assert same(status_badge(value, label)) == same(expected)


@pytest.mark.parametrize("grade", ["A", "B", "C", "D", ""])
def test_grade_badge_is_the_templates_badge(grade):
    label = dict(RiskGrade.choices).get(grade, "")
    expected = render_to_string("enterprises/grade_badge.html", {"grade": grade, "label": label})
    assert same(grade_badge(grade, label)) == same(expected)


@pytest.mark.parametrize("state", ["valid", "expiring", "expired", "not_yet_valid", "void"])
def test_certificate_state_badge_is_the_templates_badge(state):
    expected = render_to_string("training/certificate_state_badge.html", {"state": state})
    assert same(certificate_state_badge(state)) == same(expected)


def test_rows_built_in_python_match_django_tables2s_row_block(world):
    """The same <tbody> as django-tables2's own Bootstrap 5 template, row for row: badges,
    links, secondary-column classes, even/odd, localised dates (29 February, overdue and due)."""
    village = world.regions["village"]
    today = datetime.date.today()
    EnterpriseFactory(region=village, risk_grade="A", last_inspected_on=datetime.date(2024, 2, 29))
    EnterpriseFactory(region=village, risk_grade="D", last_inspected_on=today)
    EnterpriseFactory(region=village, risk_grade="", status="suspended")
    EnterpriseFactory(region=village, risk_grade="B", last_inspected_on=today.replace(day=1))
    request = RequestFactory().get("/enterprises/")
    request.user = world.users["admin"]

    def tbody(template_name):
        table = EnterpriseTable(Enterprise.objects.order_by("pk"), template_name=template_name)
        html = table.as_html(request)
        return same(re.search(r"<tbody.*?</tbody>", html, re.S).group(0))

    ours, theirs = tbody("core/table.html"), tbody("django_tables2/bootstrap5.html")
    assert ours.replace("> <", "><") == theirs.replace("> <", "><")
    assert 'data-grade="A"' in ours and "未定级" in ours and "已逾期" in ours


def template_renders(client, url):
    seen = []

    def count(sender, template, context, **kwargs):
        seen.append(template.name or template.source[:80])

    template_rendered.connect(count)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(count)
    assert response.status_code == 200, url
    return seen


@pytest.mark.parametrize(
    "url_name", ["enterprises:enterprise_list", "training:certificate_list", "accounts:user_list"]
)
def test_template_renders_of_a_list_page_stay_flat_from_1_to_20_rows(world, client, url_name):
    village = world.regions["village"]
    client.force_login(world.users["admin"])
    url = reverse(url_name)

    industry = IndustryFactory()  # one: the filter form's choices stay the same

    def add(n):
        for i in range(n):
            if url_name.startswith("enterprises"):
                EnterpriseFactory(
                    region=village,
                    industry=industry,
                    risk_grade="ABCD"[i % 4],
                    last_inspected_on=datetime.date(2025, 3, 1),
                )
            elif url_name.startswith("training"):
                certificate_in(world, village)

    add(1)
    few = template_renders(client, url)
    add(19)  # one page (25 rows): the pager stays away
    many = template_renders(client, url)
    assert len(many) == len(few), Counter(many) - Counter(few)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2024, 2, 29),
        datetime.date(1965, 7, 1),
        datetime.datetime(2024, 2, 29, 23, 30, tzinfo=datetime.UTC),  # 1 March in Jiangmen
    ],
)
@pytest.mark.parametrize("short", [True, False])
def test_date_columns_print_what_the_date_filter_printed(value, short):
    from django.template import Context, Template

    from anjian.core.tables import DateColumn, DateTimeColumn

    is_datetime = isinstance(value, datetime.datetime)
    column = (DateTimeColumn if is_datetime else DateColumn)(short=short)
    fmt = ("SHORT_" if short else "") + ("DATETIME_FORMAT" if is_datetime else "DATE_FORMAT")
    expected = Template("{{ value|date:'" + fmt + "' }}").render(Context({"value": value}))
    assert column.render(value) == expected
