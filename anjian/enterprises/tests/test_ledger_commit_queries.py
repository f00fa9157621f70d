"""The import commit checks the key's uniqueness once for the file, not with a query per row, and
still refuses what the model's check constraints refuse (one landlord: enterprise or organization)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory, make_uscc
from anjian.jobs.tests.test_excel import row, xlsx

pytestmark = pytest.mark.django_db


def test_commit_runs_no_uniqueness_query_per_row(world):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    parsed = ledger.read(xlsx([row(f"新会区第{i}家具厂", make_uscc()) for i in range(30)]))
    with CaptureQueriesContext(connection) as queries:
        result = ledger.commit(parsed, user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    assert Enterprise.objects.filter(name__startswith="新会区第").count() == 30
    by_key = [q["sql"] for q in queries.captured_queries if '"uscc" = ' in q["sql"]]
    assert by_key == []


def test_commit_still_refuses_two_landlords(world, settings):
    settings.LANGUAGE_CODE = "en"
    user = world.users["subdistrict_officer"]
    landlord = EnterpriseFactory(name="鹤山市沙坪工业有限公司", region=world.regions["village"])
    ledger = EnterpriseLedger(user=user)
    both = row(
        "鹤山市共和五金厂",
        make_uscc(),
        landlord=landlord.uscc,
        landlord_organization="东南村委会",
    )
    parsed = ledger.read(xlsx([both]))
    result = ledger.commit(parsed, user)
    assert not result.committed
    assert result.bad_rows and result.bad_rows[0].errors
    assert not Enterprise.objects.filter(name="鹤山市共和五金厂").exists()
