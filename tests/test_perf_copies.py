"""The cheaper per-request copies of issue 9 stay copies: a filter set's filters and a table's
columns are its own (changing them touches neither the class nor another request's), and the grade
intervals are read afresh each time (one query, no cache another worker could leave stale)."""

import copy

import django_filters
import django_tables2 as tables
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from anjian.core.filtersets import BaseFilterSet, YearFilter
from anjian.core.tables import BaseTable
from anjian.enterprises import services
from anjian.enterprises.filtersets import EnterpriseFilterSet
from anjian.enterprises.models import Enterprise, GradeFrequency
from anjian.enterprises.tables import EnterpriseTable
from anjian.regions.models import Region


def _request(user, query=""):
    request = RequestFactory().get("/enterprises/" + query)
    request.user = user
    return request


def test_each_filter_set_has_its_own_filters(world):
    user = world.users["admin"]
    one = EnterpriseFilterSet(None, queryset=Enterprise.objects.none(), request=_request(user))
    two = EnterpriseFilterSet(None, queryset=Enterprise.objects.none(), request=_request(user))
    base = EnterpriseFilterSet.base_filters
    for name, filter_ in one.filters.items():
        assert filter_ is not base[name] and filter_ is not two.filters[name]
        assert filter_.extra is not base[name].extra
        assert filter_.parent is one and not hasattr(base[name], "parent")
        # The class's filter may hold a built field (the API schema reads ``base_filters[n].field``
        # in the same process); a filter set never shares it.
        assert filter_.field is not vars(base[name]).get("_field")
    # a queryset is the filter set's own clone, never the class's object
    for name in ("industry", "park", "within"):
        assert one.filters[name].queryset is not base[name].queryset
        assert one.filters[name].queryset is not two.filters[name].queryset
    # a method filter calls the method of its own filter set
    assert one.filters["q"].filter.f is one.filters["q"]
    one.filters["status"].extra["help_text"] = "changed"
    assert "help_text" not in base["status"].extra
    assert "help_text" not in two.filters["status"].extra


def test_the_copy_of_a_filter_is_a_deep_copy_in_effect(world):
    class Numbers(BaseFilterSet):
        hazard = django_filters.NumberFilter()
        year = YearFilter(field_name="created_at")
        named = django_filters.CharFilter(method="by_name")

        class Meta:
            model = Region
            fields = ["hazard", "year", "named"]

        def by_name(self, queryset, name, value):
            return queryset.filter(name=value)

    request = _request(world.users["admin"], "?named=x")
    filterset = Numbers(request.GET, queryset=Region.objects.all(), request=request)
    assert filterset.form.fields["hazard"].max_value is not None  # set on the copy's extra
    assert "max_value" not in Numbers.base_filters["hazard"].extra
    assert "min_value" not in Numbers.base_filters["year"].extra
    deep = copy.deepcopy(dict(Numbers.base_filters))
    assert set(deep) == set(filterset.filters)
    for name, filter_ in filterset.filters.items():
        assert type(filter_) is type(deep[name])
        assert filter_.field_name == deep[name].field_name
        assert filter_.lookup_expr == deep[name].lookup_expr
    assert str(filterset.qs.query) == str(Region.objects.filter(name="x").query)


class _Attrs(BaseTable):
    name = tables.Column(attrs={"td": {"class": "a"}}, linkify=True)
    code = tables.Column(order_by=("code", "name"))

    class Meta(BaseTable.Meta):
        model = Region
        fields = ["name", "code"]


def test_each_table_has_its_own_columns():
    one, two = _Attrs([]), _Attrs([])
    base = _Attrs.base_columns
    for name in ("name", "code"):
        assert one.columns[name].column is not base[name]
        assert one.columns[name].column is not two.columns[name].column
    one.columns["name"].column.attrs["td"]["class"] = "changed"
    one.columns["name"].column.link.attrs["x"] = "y"
    one.columns.hide("code")
    assert base["name"].attrs["td"]["class"] == "a"
    assert two.columns["name"].column.attrs["td"]["class"] == "a"
    assert "x" not in two.columns["name"].column.link.attrs
    assert two.columns["code"].visible and base["code"].visible
    assert list(two.columns["code"].column.order_by) == ["code", "name"]


def test_the_enterprise_table_columns_equal_a_deep_copy():
    ours = copy.deepcopy(EnterpriseTable.base_columns)
    theirs = {name: copy.deepcopy(column) for name, column in EnterpriseTable.base_columns.items()}
    assert list(ours) == list(theirs)
    for name, column in ours.items():
        assert type(column) is type(theirs[name])
        assert vars(column).keys() == vars(theirs[name]).keys()
        assert column.attrs == theirs[name].attrs


def test_grade_intervals_are_read_afresh_in_one_query(db):
    expected = dict(GradeFrequency.objects.values_list("grade", "interval_months"))
    with CaptureQueriesContext(connection) as queries:
        assert services.grade_intervals() == expected
    assert len(queries) == 1
    row = GradeFrequency.objects.first()
    if row is None:
        row = GradeFrequency.objects.create(grade="A", interval_months=1)
    GradeFrequency.objects.filter(pk=row.pk).update(interval_months=row.interval_months + 5)
    assert services.grade_intervals()[row.grade] == row.interval_months + 5
