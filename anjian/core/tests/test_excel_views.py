"""The export of a list without a ledger (its table's columns): the list's sort, no paging query."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anjian.core.urls_helpers import viewname
from anjian.training.models import TrainingSession
from anjian.training.testing import TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_table_export_runs_no_paging_count_and_keeps_the_sort(world, login):
    enterprise = world.enterprises["inside"]
    for topic in ("乙班有限空间作业", "甲班有限空间作业", "丙班有限空间作业"):
        TrainingSessionFactory(topic=topic, enterprise=enterprise, region=enterprise.region)
    client = login(world.users["subdistrict_officer"])
    url = reverse(viewname(TrainingSession, "list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"export": "xlsx", "sort": "-topic"})
    assert response.status_code == 200
    lists = [
        q["sql"] for q in queries.captured_queries if 'FROM "training_trainingsession"' in q["sql"]
    ]
    # the capped count that decides between answering now and a background job, then the rows:
    # no paging query (a count or a page) for a page the export never shows
    assert len(lists) == 2, lists
    assert "LIMIT" in lists[0].upper() and "LIMIT" not in lists[1].upper(), lists
    sheet = load_workbook(io.BytesIO(response.content)).active
    topics = [
        value
        for values in sheet.iter_rows(min_row=2, values_only=True)
        for value in values
        if isinstance(value, str) and value.endswith("班有限空间作业")
    ]
    assert len(topics) == 3 and topics == sorted(topics, reverse=True)  # ?sort=-topic
