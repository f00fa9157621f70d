"""People and certificate ledgers: good files import (after a preview), bad files write nothing and
name every bad row with its reason."""

import io

from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from anjian.core.models import AuditEvent
from anjian.training.choices import Duty, TrainingKind
from anjian.training.ledger import CertificateLedger, PersonLedger
from anjian.training.models import Certificate, Person
from anjian.training.testing import CertificateFactory, make_id_number, person_in


def xlsx(ledger_class, rows) -> io.BytesIO:
    with translation.override("zh-hans"):
        headers = ledger_class().headers()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    return buffer


def test_people_good_file_previews_then_writes(world, login):
    client = login(world.users["subdistrict_officer"])
    employer = world.enterprises["inside"]
    with translation.override("zh-hans"):  # duties by their labels, as the export writes them
        labels = f"{Duty.ENTRANT.label}、{Duty.ATTENDANT.label}"
    rows = [
        ["陈一", make_id_number(901), "13800000001", employer.uscc, "", labels, ""],
        ["陈二", make_id_number(902), "", employer.name, "", "approver", ""],
    ]
    preview = client.post(
        reverse("training:person_import"), {"file": xlsx(PersonLedger, rows), "confirm": "0"}
    )
    assert preview.status_code == 200 and preview.context["result"].ok
    assert not Person.objects.exists()
    done = client.post(
        reverse("training:person_import"), {"file": xlsx(PersonLedger, rows), "confirm": "1"}
    )
    assert done.status_code == 302
    first = Person.objects.get(name="陈一")
    assert first.employer == employer and first.region == employer.region
    assert first.duties == [Duty.ENTRANT, Duty.ATTENDANT]
    assert AuditEvent.objects.filter(action="training.person.imported").exists()


def test_people_bad_file_names_every_bad_row_and_writes_nothing(world, login):
    client = login(world.users["subdistrict_officer"])
    employer = world.enterprises["inside"]
    good = make_id_number(911)
    rows = [
        ["好人", good, "", employer.uscc, "", "", ""],  # 2: good
        ["坏号", "440704199503071230", "", employer.uscc, "", "", ""],  # 3: bad check digit
        ["无单位", make_id_number(912), "", "火星公司", "", "", ""],  # 4: unknown employer
        ["重复", good, "", employer.uscc, "", "", ""],  # 5: duplicate in the file
        ["外区", make_id_number(913), "", world.enterprises["outside"].uscc, "", "", ""],  # 6
    ]
    response = client.post(
        reverse("training:person_import"), {"file": xlsx(PersonLedger, rows), "confirm": "1"}
    )
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4, 5, 6]
    assert "火星公司" in bad[4] and "2" in bad[5]
    assert not Person.objects.exists()


def test_certificates_import_names_duplicate_numbers_and_unknown_holders(world, login):
    client = login(world.users["admin"])
    person = person_in(world, world.regions["village"])
    CertificateFactory(person=person, number="PX2023-TAKEN001")
    other = person_in(world, world.regions["village"])
    with translation.override("zh-hans"):
        kind = str(TrainingKind.CONFINED_SPACE.label)
    rows = [
        [
            "PX2024-NEW00001",
            person.id_number,
            kind,
            "entrant",
            "2024-03-01",
            "",
            "江海区安全生产协会",
        ],
        [
            "PX2024-NEW00001",
            person.id_number,
            kind,
            "entrant",
            "2024-03-01",
            "",
            "江海区安全生产协会",
        ],
        ["PX2024-NEW00002", make_id_number(999), kind, "", "2024-03-01", "", "江海区安全生产协会"],
        ["PX2023-TAKEN001", other.id_number, kind, "", "2024-03-01", "", "江海区安全生产协会"],
    ]
    response = client.post(
        reverse("training:certificate_import"),
        {"file": xlsx(CertificateLedger, rows), "confirm": "1"},
    )
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4, 5]
    assert "PX2024-NEW00001" in bad[3]
    assert Certificate.objects.count() == 1


def test_certificate_export_masks_id_numbers_for_readers(world, login):
    person = person_in(world, world.regions["village"])
    CertificateFactory(person=person)
    for persona, full in (("grid_worker", False), ("subdistrict_officer", True)):
        client = login(world.users[persona])
        response = client.get(reverse("training:certificate_list"), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row]
        assert (person.id_number in cells) is full
        assert (person.masked_id_number in cells) is not full
