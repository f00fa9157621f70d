"""The bulk commit of an import (issue 9): a flat query budget, and everything the per-row save did —
derivations of the model's save(), history rows with their author, rows naming earlier rows of the
file, a new enterprise's grade transition, check constraints as listed errors (in the preview
too), the search index, all or nothing. And the preview shows an ID number's warnings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from anjian.core import identity
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import rules, services
from anjian.enterprises.filtersets import search_enterprises
from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import Enterprise, GradeChange
from anjian.enterprises.testing import EnterpriseFactory, make_uscc
from anjian.jobs.tests.test_excel import row, xlsx
from anjian.training.ledger import PersonLedger
from anjian.training.tests.test_ledger import xlsx as ledger_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def commit_queries(world, count, prefix):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    rows = [row(f"{prefix}{i:04d}五金有限公司", make_uscc()) for i in range(count)]
    parsed = ledger.read(xlsx(rows))
    with CaptureQueriesContext(connection) as queries:
        result = ledger.commit(parsed, user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    assert Enterprise.objects.filter(name__startswith=prefix).count() == count
    return len(queries)


def test_commit_query_budget_is_flat(world):
    small = commit_queries(world, 20, "江门市甲")
    large = commit_queries(world, 200, "江门市乙")
    # 180 more rows cost only more chunks of the bulk inserts (SQLite: 999 values a statement,
    # so ~28 enterprises or ~24 history rows a statement), never a query per row.
    assert large - small <= 16, (small, large)
    assert (large - small) / 180 <= 0.1, (small, large)  # the per-row path: 5 a row


def test_bulk_rows_get_the_derivations_of_save(world):
    user = world.users["subdistrict_officer"]
    uscc = make_uscc()
    spaced = f" {uscc.lower()} "  # as typed: lower case, blanks around
    ledger = EnterpriseLedger(user=user)
    result = ledger.commit(ledger.read(xlsx([row("江门市鹤山五金厂", spaced)])), user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    obj = Enterprise.objects.get(name="江门市鹤山五金厂")
    assert obj.uscc == rules.compact_uscc(spaced) == uscc
    assert (obj.name_pinyin, obj.name_initials) == rules.pinyin_of("江门市鹤山五金厂")
    # Saving it again (the model's own save()) changes nothing: no derivation was missed.
    stored = {f.attname: getattr(obj, f.attname) for f in Enterprise._meta.concrete_fields}
    obj.save()
    obj.refresh_from_db()
    again = {f.attname: getattr(obj, f.attname) for f in Enterprise._meta.concrete_fields}
    assert {k: v for k, v in again.items() if k != "updated_at"} == {
        k: v for k, v in stored.items() if k != "updated_at"
    }


def test_a_row_may_name_an_earlier_row_of_the_file_as_landlord(world):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    landlord_uscc = make_uscc()
    rows = [
        row("江门市沙坪物业有限公司", landlord_uscc),
        row("江门市沙坪五金厂", make_uscc(), landlord=landlord_uscc),
        row("江门市沙坪电器厂", make_uscc(), landlord="江门市沙坪物业有限公司"),
        # a tenant of the tenant: a third wave
        row("江门市沙坪包装厂", make_uscc(), landlord="江门市沙坪五金厂"),
    ]
    result = ledger.commit(ledger.read(xlsx(rows)), user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    landlord = Enterprise.objects.get(uscc=landlord_uscc)
    assert Enterprise.objects.get(name="江门市沙坪五金厂").landlord == landlord
    assert Enterprise.objects.get(name="江门市沙坪电器厂").landlord == landlord
    tenant = Enterprise.objects.get(name="江门市沙坪五金厂")
    assert Enterprise.objects.get(name="江门市沙坪包装厂").landlord == tenant


def test_history_rows_are_written_with_the_author(world):
    user = world.users["subdistrict_officer"]
    existing = EnterpriseFactory(name="江门市蓬江五金厂", region=world.regions["village"])
    ledger = EnterpriseLedger(user=user)
    new_uscc = make_uscc()
    rows = [
        row("江门市蓬江新厂", new_uscc),
        row("江门市蓬江五金厂", existing.uscc, address="蓬江区新址路8号"),
    ]
    result = ledger.commit(ledger.read(xlsx(rows)), user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    created = Enterprise.history.get(uscc=new_uscc)
    assert created.history_type == "+" and created.history_user == user
    assert created.name_pinyin == rules.pinyin_of("江门市蓬江新厂")[0]
    changed = Enterprise.history.filter(id=existing.pk).latest("history_id")
    assert changed.history_type == "~" and changed.history_user == user
    assert changed.address == "蓬江区新址路8号"
    existing.refresh_from_db()
    assert existing.address == "蓬江区新址路8号"
    assert existing.updated_at > existing.created_at


def test_a_new_enterprise_gets_its_grade_change(world):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    uscc = make_uscc()
    result = ledger.commit(ledger.read(xlsx([row("江门市开平电子厂", uscc, risk_grade="B")])), user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    obj = Enterprise.objects.get(uscc=uscc)
    assert obj.risk_grade == "B"
    change = GradeChange.objects.get(enterprise=obj)
    assert change.log.to_state == "B" and change.log.actor == user


def test_one_refused_grade_leaves_nothing_written(world, monkeypatch):
    """The grade transitions run after the bulk write: one refusal still undoes every row."""
    user = world.users["subdistrict_officer"]
    real = services.change_grade

    def refuse_the_second(enterprise, **kwargs):
        if enterprise.name.endswith("二厂"):
            raise TransitionRefused(["refused for the test"])
        return real(enterprise, **kwargs)

    monkeypatch.setattr(services, "change_grade", refuse_the_second)
    ledger = EnterpriseLedger(user=user)
    rows = [
        row("江门市台山一厂", make_uscc(), risk_grade="C"),
        row("江门市台山二厂", make_uscc(), risk_grade="C"),
    ]
    result = ledger.commit(ledger.read(xlsx(rows)), user)
    assert not result.committed
    assert result.bad_rows[0].number == 3
    assert not Enterprise.objects.filter(name__startswith="江门市台山").exists()
    assert not Enterprise.history.filter(name__startswith="江门市台山").exists()


def test_one_bad_row_writes_nothing(world, english):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    rows = [row(f"江门市恩平{i}厂", make_uscc()) for i in range(5)]
    rows.append(row("江门市恩平坏厂", make_uscc(), industry="Z99"))
    result = ledger.commit(ledger.read(xlsx(rows)), user)
    assert not result.committed and [r.number for r in result.bad_rows] == [7]
    assert not Enterprise.objects.filter(name__startswith="江门市恩平").exists()


def test_check_constraint_is_an_error_in_the_preview(world, english, monkeypatch):
    """The model's check constraint alone (the form's own rule switched off) refuses the row in
    the preview, which used to pass it on to fail at the commit."""
    from anjian.enterprises import models as enterprise_models

    monkeypatch.setattr(enterprise_models.rules, "check_enterprise_placement", lambda obj: None)
    user = world.users["subdistrict_officer"]
    landlord = EnterpriseFactory(name="江门市共和物业公司", region=world.regions["village"])
    ledger = EnterpriseLedger(user=user)
    both = row(
        "江门市共和五金厂", make_uscc(), landlord=landlord.uscc, landlord_organization="东南村委会"
    )
    parsed = ledger.read(xlsx([both]))
    with CaptureQueriesContext(connection) as queries:
        preview = ledger.check(parsed, user)
    assert not preview.ok
    [bad] = preview.bad_rows
    assert bad.errors == ["Row: Constraint “enterprises_enterprise_one_landlord” is violated."], (
        bad.errors
    )
    # evaluated in Python: no probe query for the constraint
    assert not [q for q in queries.captured_queries if q["sql"].startswith("SELECT 1")]


def test_check_constraint_on_a_landlord_named_in_the_same_file(world, english):
    """A landlord that is a row of the file (not written yet) is not null for the constraint."""
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    landlord_uscc = make_uscc()
    rows = [
        row("江门市双水物业公司", landlord_uscc),
        row(
            "江门市双水五金厂",
            make_uscc(),
            landlord=landlord_uscc,
            landlord_organization="东南村委会",
        ),
    ]
    parsed = ledger.read(xlsx(rows))
    assert [r.number for r in ledger.check(parsed, user).bad_rows] == [3]
    result = ledger.commit(parsed, user)
    assert not result.committed
    assert not Enterprise.objects.filter(name__startswith="江门市双水").exists()


def test_bulk_rows_are_found_by_the_search(world):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    result = ledger.commit(ledger.read(xlsx([row("江门市荷塘纱厂", make_uscc())])), user)
    assert result.committed
    # through the FTS5 trigram table on SQLite: its triggers fire on the bulk INSERT too
    found = search_enterprises(Enterprise.objects.all(), "hetang")
    assert list(found.values_list("name", flat=True)) == ["江门市荷塘纱厂"]


def test_preview_shows_an_id_number_warning(world, login):
    client = login(world.users["subdistrict_officer"])
    employer = world.enterprises["inside"]
    number = identity.make_id_number("449999", "19640229", 7)  # born on 29 February 1964
    rows = [["黄伟强", number, "", employer.uscc, "", "approver", ""]]
    response = client.post(
        reverse("training:person_import"),
        {"file": ledger_xlsx(PersonLedger, rows), "confirm": "0"},
    )
    assert response.status_code == 200
    preview = response.context["result"]
    assert preview.ok  # a warning, not an error
    [warned] = preview.warned_rows
    assert any("449999" in w for w in warned.warnings)
    page = response.content.decode()
    assert 'id="import-warned-rows"' in page and "449999" in page
    assert number not in page  # the warning names the place code, never the whole number


def test_a_commit_right_after_its_check_reuses_the_related_records(world):
    user = world.users["subdistrict_officer"]
    ledger = EnterpriseLedger(user=user)
    rows = [row(f"江门市杜阮{i}厂", make_uscc(), industry="C33 金属制品业") for i in range(3)]
    parsed = ledger.read(xlsx(rows))
    checked = ledger.check(parsed, user)
    assert checked.ok
    with CaptureQueriesContext(connection) as queries:
        result = ledger.commit(parsed, user, reuse=checked)
    assert result.committed
    industry_lookups = [
        q["sql"] for q in queries.captured_queries if 'FROM "enterprises_industry"' in q["sql"]
    ]
    assert industry_lookups == []  # the check's lookups of the industry named in the file
    assert Enterprise.objects.get(name="江门市杜阮0厂").industry.code == "C33"


def test_certificates_in_bulk_take_their_region_expiry_and_numbers_from_save(world):
    """Certificate.save() copies the holder's region and the kind's expiry (derived in bulk) and
    draws a number for a blank one (a query: that row is saved on its own, numbers distinct)."""
    from anjian.training.choices import TrainingKind
    from anjian.training.ledger import CertificateLedger
    from anjian.training.models import Certificate
    from anjian.training.testing import person_in

    user = world.users["admin"]
    person = person_in(world, world.regions["village"])
    with translation.override("zh-hans"):
        kind = str(TrainingKind.CONFINED_SPACE.label)
    issuer = "江海区安全生产协会"
    rows = [
        ["PX2024-BULK0001", person.id_number, kind, "entrant", "2024-02-29", "", issuer],
        ["", person.id_number, kind, "entrant", "2024-02-29", "", issuer],
        ["", person.id_number, kind, "attendant", "2024-02-29", "", issuer],
    ]
    ledger = CertificateLedger(user=user)
    result = ledger.commit(ledger.read(ledger_xlsx(CertificateLedger, rows)), user)
    assert result.committed, result.bad_rows[:1] and result.bad_rows[0].errors
    certificates = list(Certificate.objects.filter(person=person, issued_on="2024-02-29"))
    assert len(certificates) == 3
    numbers = {c.number for c in certificates}
    assert "PX2024-BULK0001" in numbers and len(numbers) == 3
    for certificate in certificates:
        assert certificate.region_id == person.region_id
        assert certificate.expires_on == certificate.default_expiry()
        assert certificate.history.get().history_user == user
