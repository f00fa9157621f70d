"""List rendering without the template engine per cell (issue 9: ≤ 0.5 ms a row).

Badge cells are built in Python (``core.tables.status_badge``, ``enterprises.tables.grade_badge``,
``training.tables.certificate_state_badge``) and the rows by ``BaseTable.tbody_html``; these tests
hold that output to what the templates drew, and the number of template renders of a list page
flat from 1 to many rows (it grew by one or more per row and badge column before)."""

import datetime
import re
from collections import Counter

import django_tables2 as tables
import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _lazy

from anjian.core.tables import STATUS_COLOURS, BaseTable, status_badge
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


def _status_choices():
    """(model label, code) for every status choice of every model of the project's apps."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("anjian."):
            continue
        try:
            field = model._meta.get_field("status")
        except Exception:
            continue
        found += [(model._meta.label, code) for code, _label in field.flatchoices]
    return found


def test_every_model_status_has_a_colour():
    """A status code missing from ``STATUS_COLOURS`` reads grey (an operating enterprise did):
    every choice of every ``status`` field of the project has its colour on purpose."""
    choices = _status_choices()
    assert ("enterprises.Enterprise", "operating") in choices
    assert len({label for label, _code in choices}) >= 4
    coloured = {code for codes in STATUS_COLOURS.values() for code in codes}
    missing = sorted({f"{label}.{code}" for label, code in choices if code not in coloured})
    assert not missing, f"status codes without a colour in core.tables.STATUS_COLOURS: {missing}"
    assert 'status-green"' in status_badge("operating", "在营")
    assert 'status-green"' in render_to_string(
        "core/status_badge.html", {"value": "operating", "label": "在营"}
    )


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
    client.get(url)  # the page shell is rendered once per user and kept (context_processors)
    few = template_renders(client, url)
    add(19)  # one page (25 rows): the pager stays away
    many = template_renders(client, url)
    assert len(many) == len(few), Counter(many) - Counter(few)
    # the filter form's widgets are written in Python (core.filtersets.WidgetRenderer)
    assert not [name for name in many if name.startswith("django/forms/widgets/")], Counter(many)


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


class _EveryKindOfCell(BaseTable):
    """Every way a column gets its cell, for comparing ``tbody_html`` with django-tables2."""

    name = tables.Column(linkify=True)
    region = tables.Column(linkify=True)  # a foreign key: str() and its own URL
    region_level = tables.Column(accessor="region__level")  # a choice field through a relation
    industry = tables.Column(
        accessor="industry__name",
        linkify=("enterprises:industry_detail", [tables.A("industry_id")]),
    )
    park = tables.Column()  # a null foreign key: the table's default
    park_name = tables.Column(accessor="park__name", default="无")  # through a null relation
    status = tables.Column()  # a plain choice column: the label
    grade = tables.Column(accessor="risk_grade")  # "" is empty: the default, not a label
    grade_all = tables.Column(accessor="risk_grade", empty_values=())  # "" reaches the label
    sector = tables.Column()
    employees = tables.Column(accessor="employee_count", localize=True)
    employees_raw = tables.Column(accessor="employee_count", localize=False)
    landlord = tables.Column(accessor="premises_landlord")  # a method, called
    by_value = tables.Column(accessor="name")
    by_record = tables.Column(empty_values=())
    by_all = tables.Column(accessor="status")
    by_kwargs = tables.Column(accessor="uscc")
    by_unknown = tables.Column(accessor="uscc")  # asks for an argument nobody passes: None
    missing = tables.Column(accessor="no_such_attribute")  # fails to resolve: the default
    tagged = tables.Column(accessor="uscc", attrs={"td": {"data-prefix": lambda value: value[:4]}})
    open = tables.LinkColumn(
        "enterprises:enterprise_detail", args=[tables.A("pk")], text="打开", orderable=False
    )
    graded = tables.BooleanColumn(accessor="risk_grade")
    styled_link = tables.Column(accessor="name", linkify=True, attrs={"a": {"class": "x & y"}})
    computed_link = tables.Column(
        accessor="region", linkify=True, attrs={"a": {"title": lambda record: record.uscc}}
    )
    no_link = tables.Column(accessor="name", linkify=lambda record: None)  # href None: no <a>
    escaped = tables.Column(accessor="principal_name")

    class Meta(BaseTable.Meta):
        model = Enterprise
        fields = ["uscc", "last_inspected_on", "grade_effective_on"]

    def render_by_value(self, value):
        return f"<{value}>"  # a plain str: escaped

    def render_by_record(self, record):
        return status_badge(record.status, "状态")

    def render_by_all(self, value, record, column, bound_column, bound_row, table):
        assert table is self and bound_row.record is record and bound_column.column is column
        return f"{value}/{record.pk}/{bound_column.name}"

    def render_by_kwargs(self, **kwargs):
        return sorted(kwargs)

    def render_by_unknown(self, value, nonsense):
        raise AssertionError("never called")


class _WithRowAttrs(_EveryKindOfCell):
    class Meta(_EveryKindOfCell.Meta):
        row_attrs = {"data-id": lambda record: record.pk, "class": "row-x"}


def _tbodies(table_class, queryset, request):
    def tbody(template_name):
        table = table_class(queryset, template_name=template_name)
        table.paginate(per_page=25)
        html = table.as_html(request)
        return same(re.search(r"<tbody.*?</tbody>", html, re.S).group(0))

    ours, theirs = tbody("core/table.html"), tbody("django_tables2/bootstrap5.html")
    return ours.replace("> <", "><"), theirs.replace("> <", "><")


@pytest.mark.parametrize("table_class", [_EveryKindOfCell, _WithRowAttrs])
def test_every_kind_of_cell_is_django_tables2s_cell(world, table_class):
    """Choice fields (on the row and through a relation, with and without "" as empty), foreign
    keys, null relations, linkify (True, a route, a LinkColumn), a method accessor, localize on
    and off, render methods asking for value, record, everything, **kwargs or an unknown
    argument, callable td attributes, row attributes, escaping, dates (29 February)."""
    village = world.regions["village"]
    industry = IndustryFactory()
    EnterpriseFactory(
        region=village,
        industry=industry,
        risk_grade="A",
        employee_count=12345,
        principal_name="<b>王</b> & 李",
        last_inspected_on=datetime.date(2024, 2, 29),
    )
    EnterpriseFactory(region=village, industry=industry, risk_grade="", status="suspended")
    EnterpriseFactory(region=village, industry=industry, risk_grade="D", employee_count=0)
    request = RequestFactory().get("/enterprises/")
    request.user = world.users["admin"]
    queryset = Enterprise.objects.select_related("region", "industry", "park").order_by("pk")

    ours, theirs = _tbodies(table_class, queryset, request)
    assert ours == theirs
    # the cases are really there (not all defaults)
    assert "重大风险" in ours or "A" in ours
    assert "&lt;b&gt;王&lt;/b&gt; &amp; 李" in ours
    assert "12345" in ours
    assert "打开" in ours and "data-prefix=" in ours and "无" in ours
    assert 'class="x &amp; y" href=' in ours and '<a title="9144' in ours
    assert ("row-x" in ours) == (table_class is _WithRowAttrs)


def test_the_choices_are_read_once_per_column_not_per_cell(world, monkeypatch):
    """``get_FOO_display`` rebuilds the choices dict (hashing each lazy label) at every call; the
    row builder asks a choice field's choices once per column and page."""
    from django.db.models import Field

    village = world.regions["village"]
    for grade in "ABCD":
        EnterpriseFactory(region=village, risk_grade=grade)
    calls = Counter()
    flatchoices = Field.flatchoices

    def counting(self):
        calls[self.name] += 1
        return flatchoices.fget(self)

    monkeypatch.setattr(Field, "flatchoices", property(counting))
    table = EnterpriseTable(Enterprise.objects.select_related("region", "industry"))
    table.paginate(per_page=25)
    html = table.tbody_html()
    assert html.count("<tr ") == Enterprise.objects.count() >= 4
    assert calls["risk_grade"] == 1 and calls["status"] == 1, calls


def test_a_models_own_get_foo_display_is_called():
    """A model that writes its own ``get_status_display`` is asked, not bypassed."""
    from anjian.core.tables import _django_display_field

    class Own:  # only the class attribute matters here
        def get_status_display(self):
            return "自己的"

    assert _django_display_field(Enterprise, "status") is Enterprise._meta.get_field("status")
    assert _django_display_field(Own, "status") is None


def _filter_views():
    """Every list view of the URL conf that has a filter form."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = {}

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern):
                view = getattr(p.callback, "view_class", None)
                if getattr(view, "filterset_class", None) is not None:
                    found[view.filterset_class] = view

    walk(get_resolver().url_patterns)
    return found


def _both_renderings(form):
    from django.forms.renderers import DjangoTemplates

    from anjian.core.filtersets import WIDGET_RENDERER

    assert form.renderer is WIDGET_RENDERER
    ours = [str(bound) for bound in form]
    form.renderer = DjangoTemplates()
    theirs = [str(bound) for bound in form]
    form.renderer = WIDGET_RENDERER
    return ours, theirs


@pytest.mark.parametrize("bound", [False, True])
def test_filter_forms_render_as_djangos_widget_templates(world, bound):
    """Every filter form of every list page, empty and filled in (selected options, a typed
    search with markup, a date, a year, a number): the Python widgets print byte for byte what
    Django's widget templates print."""
    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    industry = IndustryFactory()
    filtersets = _filter_views()
    assert len(filtersets) >= 8
    for filterset_class in filtersets:
        data = None
        if bound:
            data = {}
            for name, field in filterset_class(request=request).form.fields.items():
                choices = list(getattr(field, "choices", ()))
                if len(choices) > 1:
                    data[name] = str(choices[-1][0])
                elif isinstance(field, forms.DateField):
                    data[name] = "2024-02-29"
                elif isinstance(field, forms.IntegerField | forms.DecimalField):
                    data[name] = "1965"
                else:
                    data[name] = '恒亦达 <b>"&'
        filterset = filterset_class(
            data, queryset=filterset_class._meta.model.objects.all(), request=request
        )
        ours, theirs = _both_renderings(filterset.form)
        assert ours == theirs, filterset_class
    assert industry.pk


def test_python_widgets_cover_attributes_groups_and_escaping():
    from anjian.core.filtersets import WIDGET_RENDERER

    class Form(forms.Form):
        text = forms.CharField(widget=forms.TextInput(attrs={"required": True, "hidden": False}))
        number = forms.IntegerField(widget=forms.NumberInput(attrs={"data-x": mark_safe("<i>")}))
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        grouped = forms.ChoiceField(
            choices=[("甲组", [("a", "选项 <A>"), ("b", _lazy("Filter"))]), ("c", 3), ("", "全部")]
        )
        many = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二")])
        flag = forms.BooleanField()

    form = Form(
        {
            "text": '<"王">',
            "number": "12345",
            "day": "2024-02-29",
            "grouped": "b",
            "many": ["1", "2"],
        },
        renderer=WIDGET_RENDERER,
    )
    assert {"django/forms/widgets/select.html", "django/forms/widgets/text.html"} <= (
        WIDGET_RENDERER.stock
    )
    ours, theirs = _both_renderings(form)
    assert ours == theirs
    assert "<optgroup" in ours[3] and "selected" in ours[3] and "&lt;&quot;王&quot;&gt;" in ours[0]


def _list_urls():
    """Every list page of the URL conf (URL names ending in ``_list`` without arguments)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and p.name.endswith("_list"):
                if not p.pattern.regex.groupindex:
                    found.append(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    return sorted({reverse(name) for name in found})


def _both_tables(response):
    """(``page_html``, the table's template) of the table a list page printed, each drawn from the
    first row (the even/odd counter of django-tables2 runs on across renders)."""
    import itertools

    from django.template.loader import get_template

    table = response.context["table"]
    request = response.wsgi_request
    table._counter = itertools.count()
    ours = table.page_html(request)
    table._counter = itertools.count()
    theirs = get_template(table.template_name).render({"table": table}, request)
    return same(ours).replace("> <", "><"), same(theirs).replace("> <", "><")


def test_whole_tables_built_in_python_are_the_templates_tables(world, client, settings):
    """``BaseTable.page_html`` (header with its sort links, rows, empty text, pager) prints what
    ``templates/core/table.html`` prints, for every list page of the URL conf: unsorted, sorted
    with other parameters kept (and escaped), on a middle page with the full pager, past a small
    count cap (pager without a last page), and empty."""
    village = world.regions["village"]
    for grade in "ABCD":
        EnterpriseFactory(region=village, risk_grade=grade, principal_name="<b>王</b>")
    for _ in range(3):
        certificate_in(world, village)
    client.force_login(world.users["admin"])
    urls = _list_urls()
    assert len(urls) >= 15
    compared = pagers = 0
    for cap in (10_000, 3):
        settings.ANJIAN_COUNT_CAP = cap
        for url in urls:
            queries = ("", "?sort=-name&x=<a>&x=2", "?per_page=1&page=2", "?q=不存在的名字xyz")
            for query in queries if cap > 3 else ("?per_page=1&page=2",):
                response = client.get(url + query)
                if response.status_code != 200 or not response.context:
                    continue
                if "table" not in response.context.keys():
                    continue
                ours, theirs = _both_tables(response)
                assert ours == theirs, (url + query, cap)
                compared += 1
                pagers += "pagination" in ours
    assert compared >= 60 and pagers >= 10, (compared, pagers)


def test_a_list_page_renders_its_table_without_the_table_template(world, client):
    """The list page prints the Python table: no django-tables2 template is rendered."""
    EnterpriseFactory(region=world.regions["village"])
    client.force_login(world.users["admin"])
    seen = template_renders(client, reverse("enterprises:enterprise_list"))
    assert not [n for n in seen if n.startswith("django_tables2/") or n == "core/table.html"]
    assert "core/object_list.html" in seen
