"""Every registered model × every persona × inside/outside × every action, pages and API.

Apps register their models in ``anjian/<app>/tests/matrix.py``; this module imports them all.
"""

from importlib import import_module, util

import pytest
from django.apps import apps

from anjian.accounts.testing import personas
from anjian.core.testing import matrix


def _discover():
    for config in apps.get_app_configs():
        module = f"{config.name}.tests.matrix"
        if config.name.startswith("anjian.") and util.find_spec(module) is not None:
            import_module(module)


_discover()
PERSONAS = personas()

PARAMS = [
    pytest.param(case, persona, where, operation, id=f"{case.label}-{persona}-{where}-{operation}")
    for case in matrix.CASES
    for persona in PERSONAS
    for where in ("inside", "outside")
    for operation in case.operations()
]
# Pages only where the model has them (``MatrixCase.pages``).
PAGE_PARAMS = [
    pytest.param(case, persona, where, operation, id=f"{case.label}-{persona}-{where}-{operation}")
    for case in matrix.CASES
    for persona in PERSONAS
    for where in ("inside", "outside")
    for operation in case.page_operations()
]


@pytest.mark.parametrize(("case", "persona", "where", "operation"), PAGE_PARAMS)
def test_page(case, persona, where, operation, module_world, client):
    world = module_world
    client.force_login(world.users[persona])
    matrix.run_page(case, client, world, persona, PERSONAS[persona][0], where, operation)


@pytest.mark.parametrize(("case", "persona", "where", "operation"), PARAMS)
def test_api(case, persona, where, operation, module_world, api_client):
    world = module_world
    api_client.force_authenticate(world.users[persona])
    matrix.run_api(case, api_client, world, persona, PERSONAS[persona][0], where, operation)


def test_every_model_is_in_the_matrix():
    """A new model of ours must join the matrix (log tables are reached through their records)."""
    _discover()
    covered = {case.model for case in matrix.CASES}
    # jobs.job: an Excel job is no list page; every read goes through Job.objects.for_owner(user)
    # (another user's job answers 404) — tested in anjian/jobs/tests.
    # enterprises.gradechange: the effective date of a grade TransitionLog row, read only through
    # the enterprise's timeline (its file and /api/enterprises/{id}/grades/, both scoped).
    # inspections.checklistitem: the lines of a checklist template (a reference table), written
    # only through the template's page (its formset, a ScopedModelForm) and read with the template
    # (page and API), both in the matrix as inspections.checklisttemplate.
    exempt = {
        "core.auditevent",
        "core.transitionlog",
        "jobs.job",
        "enterprises.gradechange",
        "inspections.checklistitem",
    }
    missing = [
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("anjian.")
        and not model.__name__.startswith("Historical")
        and model._meta.label_lower not in exempt
        and model not in covered
    ]
    assert missing == [], f"models missing from the access matrix: {missing}"
