"""Masked stays masked (issue 7, point 3), generated: every model that declares protected fields
(``masked_fields``, core.masking) × every surface that shows a value (field history, detail page,
API list and detail, Excel export, audit details and the audit page, error messages) × a reader
without the reveal permission. The full value must never appear in the response's bytes."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from anjian.core import masking
from anjian.core.models import AuditEvent
from anjian.core.urls_helpers import viewname
from anjian.training.testing import make_id_number, person_in

# People born in the 1960s carry the code of 江门市 (440700): 江海区's 440704 dates from 1994.
# How to make one record of each model with protected fields, in the reader's reach; and a second
# value for each protected field (to change it, so the history has an old and a new value).
MAKERS = {
    "training.person": lambda world: person_in(
        world,
        world.regions["village"],
        id_number=make_id_number(601, place="440700", born="19640229"),
    ),
}
OTHER_VALUES = {
    ("training.person", "id_number"): make_id_number(602, place="440700", born="19681231")
}
READERS = ["grid_worker", "leader"]  # see the records, may not reveal


def _cases():
    return [
        (m._meta.label_lower, field)
        for m in masking.protected_models()
        for field in masking.masked_fields(m)
    ]


def test_every_model_with_protected_fields_has_a_maker():
    assert _cases(), "no model declares masked_fields"
    assert {label for label, _field in _cases()} <= set(MAKERS)
    assert set(_cases()) <= set(OTHER_VALUES)


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return "".join(
            book.read(name).decode() for name in book.namelist() if name.endswith(".xml")
        )


def _setup(label, field, world):
    obj = MAKERS[label](world)
    old = getattr(obj, field)
    new = OTHER_VALUES[(label, field)]
    setattr(obj, field, new)
    obj._history_user = world.users["admin"]
    obj.save()
    return obj, old, new


def _surfaces(obj, client, world, label, field, new):
    model = type(obj)
    detail = reverse(viewname(model, "detail"), args=[obj.pk])
    api_prefix = {"training.person": "training/people"}[label]
    listing = reverse(viewname(model, "list"))
    return {
        "detail and history": client.get(detail),
        "list": client.get(listing),
        "api detail": client.get(f"/api/{api_prefix}/{obj.pk}/"),
        "api list": client.get(f"/api/{api_prefix}/"),
        "export": client.get(listing, {"export": "xlsx"}),
        # A search by the full value: must not echo it in the page, and its audit is masked.
        "search": client.get(listing, {"q": new}),
        "api search": client.get(f"/api/{api_prefix}/", {"q": new}),
    }


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("label", "field"), _cases())
def test_the_full_value_never_appears(label, field, reader, world, login):
    obj, old, new = _setup(label, field, world)
    user = world.users[reader]
    assert not masking.may_reveal(user, type(obj), field)
    client = login(user)
    for surface, response in _surfaces(obj, client, world, label, field, new).items():
        assert response.status_code == 200, surface
        body = response.content
        if surface == "export":
            body = _xlsx_text(body).encode()
            assert masking.mask(new).encode() in body, surface
        # A page searched by the full value shows it back in the search box (the reader typed it).
        values = (old,) if surface == "search" else (old, new)
        for value in values:
            assert value.encode() not in body, f"{surface} shows {value}"
    # History shows the change (masked), not nothing.
    history = client.get(reverse(viewname(type(obj), "detail"), args=[obj.pk])).content.decode()
    assert masking.mask(old) in history and masking.mask(new) in history
    # Audit details (the export's filters, the search) are stored masked…
    for event in AuditEvent.objects.all():
        text = f"{event.detail} {event.object_repr}"
        assert old not in text and new not in text, event.action
    assert AuditEvent.objects.filter(action__endswith=f"searched_by_{field}").exists()
    # …and the audit page shows them masked to an auditor.
    audit_page = login(world.users["auditor"]).get(reverse("core:auditevent_list"))
    assert audit_page.status_code == 200
    assert new.encode() not in audit_page.content and old.encode() not in audit_page.content


@pytest.mark.parametrize(("label", "field"), _cases())
def test_a_holder_of_the_reveal_permission_exports_in_full(label, field, world, login):
    obj, _old, new = _setup(label, field, world)
    user = world.users["regulator"]
    assert masking.may_reveal(user, type(obj), field)
    export = login(user).get(reverse(viewname(type(obj), "list")), {"export": "xlsx"})
    assert new in _xlsx_text(export.content)


def test_error_messages_never_echo_an_id_number(world, login):
    """DRF echoes a bad choice or a bad key back ("“…” is not a valid choice"): the API's error
    answers go through ``masking.scrub``, so an ID number typed anywhere comes back masked."""
    existing = person_in(world, world.regions["village"])
    client = login(world.users["subdistrict_officer"])
    answer = client.post(
        "/api/training/people/",
        {
            "name": "重复的人",
            "id_number": existing.id_number,
            "employer": existing.id_number,
            "duties": [existing.id_number],
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert set(answer.json()) >= {"id_number", "employer", "duties"}
    assert existing.id_number.encode() not in answer.content
    assert masking.mask(existing.id_number) in answer.content.decode()


def test_scrub_masks_every_id_number_in_text_and_structures():
    number = make_id_number(7, place="440700", born="19600101")
    data = {"q": f"找 {number} 的人", "list": [number], "n": 3}
    scrubbed = masking.scrub(data)
    assert number not in str(scrubbed)
    assert scrubbed["list"] == [masking.mask(number)] and scrubbed["n"] == 3
    assert masking.scrub("电话 13800138000") == "电话 13800138000"


def test_the_people_list_is_not_sortable_by_the_full_id_number(world, login):
    from anjian.training.models import Person
    from anjian.training.testing import PersonFactory

    employer = world.enterprises["inside"]
    for serial, born in ((11, "19610101"), (12, "19690615"), (13, "19650310")):
        PersonFactory(
            employer=employer, id_number=make_id_number(serial, place="440700", born=born)
        )
    client = login(world.users["grid_worker"])
    response = client.get(reverse("training:person_list"), {"sort": "id_number"})
    table = response.context["table"]
    assert not table.columns["id_number"].orderable
    shown = [row.record.pk for row in table.page.object_list]
    assert shown == list(
        Person.objects.restrict(world.users["grid_worker"], "view").values_list("pk", flat=True)
    )
    sorted_by_number = list(Person.objects.order_by("id_number").values_list("pk", flat=True))
    assert shown != sorted_by_number or len(shown) < 2


def test_exact_search_by_id_number_needs_the_full_number_is_audited_and_rate_limited(
    world, login, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.ANJIAN_ID_NUMBER_SEARCHES_PER_HOUR = 3
    person = person_in(
        world,
        world.regions["village"],
        id_number=make_id_number(31, place="440700", born="19670704"),
    )
    client = login(world.users["grid_worker"])
    url = reverse("training:person_list")

    def found(q):
        response = client.get("/api/training/people/", {"q": q})
        return response, [row["id"] for row in response.json().get("results", [])]

    # A partial number never matches (no prefix probing); nothing to audit.
    assert found(person.id_number[:-1])[1] == []
    assert not AuditEvent.objects.filter(action="training.person.searched_by_id_number").exists()
    # The full number matches, and each such search is an audit event with the number masked.
    for _ in range(3):
        assert found(person.id_number)[1] == [person.pk]
    events = AuditEvent.objects.filter(action="training.person.searched_by_id_number")
    assert events.count() == 3
    assert all(person.id_number not in str(e.detail) for e in events)
    # The fourth in the hour is refused with the reason, on the API and on the page.
    response, ids = found(person.id_number)
    assert response.status_code == 400 and ids == []
    assert "小时" in str(response.json())
    page = client.get(url, {"q": person.id_number})
    assert page.status_code == 200 and not page.context["table"].rows
    assert "小时" in page.content.decode()
    # Someone who may reveal searches freely, unaudited by this rule.
    other = login(world.users["subdistrict_officer"])
    answer = other.get("/api/training/people/", {"q": person.id_number}).json()
    assert [row["id"] for row in answer["results"]] == [person.pk]


def test_the_core_ledger_masks_protected_cells_by_itself(world):
    """Any ledger, not only training's own: a protected column, or a related column looked up by
    a protected field (a certificate's holder by ID number), is whole only for a reveal holder."""
    from anjian.core.excel import Column, Ledger
    from anjian.training.forms import CertificateForm, PersonForm
    from anjian.training.models import Certificate, Person
    from anjian.training.testing import CertificateFactory

    class PlainPeople(Ledger):
        model, form_class, key = Person, PersonForm, "id_number"
        columns = [Column("name"), Column("id_number")]

    class PlainCertificates(Ledger):
        model, form_class, key = Certificate, CertificateForm, "number"
        columns = [Column("number"), Column("person", lookup="id_number")]

    person = person_in(
        world,
        world.regions["village"],
        id_number=make_id_number(71, place="440700", born="19620815"),
    )
    CertificateFactory(person=person)
    for persona, whole in (("grid_worker", False), ("regulator", True)):
        user = world.users[persona]
        cells = [
            str(cell)
            for ledger, queryset in (
                (PlainPeople(user=user), Person.objects.all()),
                (PlainCertificates(user=user), Certificate.objects.all()),
            )
            for row in ledger.export_rows(queryset)
            for cell in row
        ]
        assert sum(person.id_number in c for c in cells) == (2 if whole else 0), persona
        assert sum(masking.mask(person.id_number) in c for c in cells) == (0 if whole else 2)
