"""The access-matrix harness: generated tests of every role × inside/outside × action.

An app registers each model with a ``MatrixCase`` in its ``tests/matrix.py``; the generic test module
``tests/test_access_matrix.py`` imports every app's matrix and runs, for the pages and the API:
list, detail, create, update, delete and each transition, for every persona, on a record inside
and one outside the persona's jurisdiction. ``expect`` states, per role, which actions the role may
take — written out by hand, so the test checks the role table and the scoping, not itself.

Outcomes the harness asserts:
- allowed and inside (or an unrestricted role): success, and the database shows it;
- no permission for the action: 403 and nothing changed (and the record is absent from lists);
- permission but outside the jurisdiction: 404 for an existing record, a refused form (200 with an
  error on the page, 400 in the API) for a new one, and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from anjian.core.urls_helpers import viewname

OPERATIONS = ("list", "detail", "add", "change", "delete")
PERMISSION_OF = {
    "list": "view",
    "detail": "view",
    "add": "add",
    "change": "change",
    "delete": "delete",
}


@dataclass
class MatrixCase:
    model: type
    # make(world, region) → a saved record placed in ``region``
    make: Callable
    # form_data(world, region) → POST data of the page form creating a record in ``region``
    form_data: Callable
    # api_data(world, region) → JSON body creating a record in ``region`` through the API
    api_data: Callable
    # change_data(obj) → POST data of the edit form (same place), changing something visible
    change_data: Callable
    # api_change(obj) → PATCH body
    api_change: Callable
    # changed(obj) → whether a change was saved (read from the refreshed object)
    changed: Callable
    # created(data) → whether a record from form_data / api_data exists
    created: Callable
    api_basename: str
    expect: dict[str, set[str]]  # role → {"view", "add", "change", "delete", <transition>…}
    unrestricted_roles: set[str] = field(default_factory=set)
    # transition name → (prepare(obj) putting obj in a source state, moved(obj) → bool)
    transitions: dict[str, tuple[Callable, Callable]] = field(default_factory=dict)
    # True: every operation has its page; False: the model has no pages of its own (its rows are
    # kept on another record's page, e.g. the people of a permit); or the set of operations that
    # have pages (e.g. no delete page where records are cancelled, never deleted).
    pages: bool | frozenset = True
    # How the API's create request is sent: "multipart" for a model whose create needs a file.
    api_format: str = "json"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def operations(self):
        return [*OPERATIONS, *(f"transition:{name}" for name in self.transitions)]

    def page_operations(self):
        if self.pages is True:
            return self.operations()
        if not self.pages:
            return []
        return [op for op in self.operations() if op in self.pages]

    def allows(self, role: str, operation: str) -> bool:
        allowed = self.expect.get(role, set())
        if operation.startswith("transition:"):
            return operation.split(":", 1)[1] in allowed
        return PERMISSION_OF[operation] in allowed


CASES: list[MatrixCase] = []


def register(case: MatrixCase) -> MatrixCase:
    CASES.append(case)
    return case


def api_url(case: MatrixCase, obj=None, suffix: str = "") -> str:
    if obj is None:
        return reverse(f"{case.api_basename}-list")
    url = reverse(f"{case.api_basename}-detail", args=[obj.pk])
    return f"{url}{suffix}"


def run_page(case, client, world, persona, role, where, operation):
    """One page check; returns nothing, raises AssertionError with the context on failure."""
    region = world.home(persona) if where == "inside" else world.outside(persona)
    unrestricted = role in case.unrestricted_roles
    reach = where == "inside" or unrestricted
    allowed = case.allows(role, operation)
    context = f"{case.label} page {operation} as {persona} ({role}) {where}"
    model = case.model

    if operation == "add":
        data = case.form_data(world, region)
        response = client.post(reverse(viewname(model, "add")), data)
        if not allowed:
            assert response.status_code == 403, f"{context}: {response.status_code}"
            assert not case.created(data), context
        elif reach:
            assert response.status_code == 302, (
                f"{context}: {response.status_code} {_errors(response)}"
            )
            assert case.created(data), context
        else:
            assert response.status_code == 200, f"{context}: {response.status_code}"
            assert not case.created(data), context
        return

    obj = case.make(world, region)
    if operation == "list":
        response = client.get(reverse(viewname(model, "list")))
        detail = reverse(viewname(model, "detail"), args=[obj.pk])
        if not allowed:
            assert response.status_code == 403, f"{context}: {response.status_code}"
            return
        assert response.status_code == 200, f"{context}: {response.status_code}"
        shown = f'href="{detail}"' in response.content.decode()
        assert shown == reach, f"{context}: shown={shown}"
    elif operation == "detail":
        response = client.get(reverse(viewname(model, "detail"), args=[obj.pk]))
        expected = 200 if allowed and reach else 404
        assert response.status_code == expected, f"{context}: {response.status_code}"
    elif operation == "change":
        response = client.post(
            reverse(viewname(model, "edit"), args=[obj.pk]), case.change_data(obj)
        )
        obj.refresh_from_db()
        if allowed and reach:
            assert response.status_code == 302, (
                f"{context}: {response.status_code} {_errors(response)}"
            )
            assert case.changed(obj), context
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert not case.changed(obj), context
    elif operation == "delete":
        response = client.post(reverse(viewname(model, "delete"), args=[obj.pk]))
        exists = model._base_manager.filter(pk=obj.pk).exists()
        if allowed and reach:
            assert response.status_code == 302 and not exists, f"{context}: {response.status_code}"
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert exists, context
    elif operation.startswith("transition:"):
        name = operation.split(":", 1)[1]
        prepare, moved = case.transitions[name]
        prepare(obj)
        response = client.post(
            reverse(viewname(model, "transition"), args=[obj.pk, name]), {"reason": "matrix test"}
        )
        obj.refresh_from_db()
        if allowed and reach:
            assert response.status_code == 302, f"{context}: {response.status_code}"
            assert moved(obj), context
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert not moved(obj), context


def run_api(case, client, world, persona, role, where, operation):
    region = world.home(persona) if where == "inside" else world.outside(persona)
    unrestricted = role in case.unrestricted_roles
    reach = where == "inside" or unrestricted
    allowed = case.allows(role, operation)
    context = f"{case.label} API {operation} as {persona} ({role}) {where}"
    model = case.model

    if operation == "add":
        data = case.api_data(world, region)
        response = client.post(api_url(case), data, format=case.api_format)
        if not allowed:
            assert response.status_code == 403, f"{context}: {response.status_code}"
        elif reach:
            assert response.status_code == 201, f"{context}: {response.status_code} {response.data}"
            assert case.created(data), context
            return
        else:
            assert response.status_code == 400, f"{context}: {response.status_code}"
        assert not case.created(data), context
        return

    obj = case.make(world, region)
    if operation == "list":
        response = client.get(api_url(case), {"page_size": 200})
        if not allowed:
            assert response.status_code == 403, f"{context}: {response.status_code}"
            return
        assert response.status_code == 200, f"{context}: {response.status_code}"
        ids = {row["id"] for row in response.data["results"]}
        assert (obj.pk in ids) == reach, f"{context}: ids={ids}"
    elif operation == "detail":
        response = client.get(api_url(case, obj))
        if not allowed:
            assert response.status_code == 403, f"{context}: {response.status_code}"
        else:
            assert response.status_code == (200 if reach else 404), (
                f"{context}: {response.status_code}"
            )
    elif operation == "change":
        response = client.patch(api_url(case, obj), case.api_change(obj), format="json")
        obj.refresh_from_db()
        if allowed and reach:
            assert response.status_code == 200, f"{context}: {response.status_code} {response.data}"
            assert case.changed(obj), context
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert not case.changed(obj), context
    elif operation == "delete":
        response = client.delete(api_url(case, obj))
        exists = model._base_manager.filter(pk=obj.pk).exists()
        if allowed and reach:
            assert response.status_code == 204 and not exists, f"{context}: {response.status_code}"
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert exists, context
    elif operation.startswith("transition:"):
        name = operation.split(":", 1)[1]
        prepare, moved = case.transitions[name]
        prepare(obj)
        response = client.post(
            api_url(case, obj, "transition/"),
            {"transition": name, "reason": "matrix test"},
            format="json",
        )
        obj.refresh_from_db()
        if allowed and reach:
            assert response.status_code == 200, f"{context}: {response.status_code} {response.data}"
            assert moved(obj), context
        else:
            assert response.status_code == (403 if not allowed else 404), (
                f"{context}: {response.status_code}"
            )
            assert not moved(obj), context


def _errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors.as_json() if form is not None else ""
