"""Bad input never answers 500, proven over the whole API (issue 7, point 6).

Schemathesis reads ``/api/schema/`` (the OpenAPI document drf-spectacular serves) and, for EVERY
operation in it, sends ``FUZZ_EXAMPLES`` generated requests (default 10 per operation) as each of two
personas of different reach: the district regulator (a whole district, most write permissions) and
an enterprise safety manager (one enterprise). Token authentication, so writes reach validation.
Every response is checked: no 5xx (``not_a_server_error``) and, for every documented status, a
body that matches the schema (``response_schema_conformance``). All failing operations are
reported together.

Run it as its own CI stage (it is marked ``fuzz``; about two minutes on two cores)::

    .venv/bin/python -m pytest -m fuzz tests/test_api_fuzz.py -n 2
    FUZZ_EXAMPLES=50 .venv/bin/python -m pytest -m fuzz tests/test_api_fuzz.py   # deeper
"""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
PERSONAS = ["regulator", "enterprise_manager"]


@pytest.fixture
def wsgi_app():
    """The real WSGI application, in the test's thread and transaction; Django's test client
    likewise keeps the connection open between requests (request_finished would close it)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # Both signals, as django.test.Client does: on PostgreSQL (CONN_MAX_AGE, autocommit off inside
    # the test's transaction) close_old_connections would close the test's own connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _token(user) -> str:
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


def _fuzz(operation, headers):
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: a red CI is reproducible
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    run()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_operation_answers_without_server_errors_and_within_the_schema(
    persona, world, wsgi_app
):
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    user = world.users[persona]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50  # every viewset's list, detail, writes and actions
    failures = {}
    for operation in operations:
        # A fresh token for every operation: ``DELETE /api/auth/token/`` revokes the caller's own
        # token, and every operation after it must still be fuzzed as the signed-in persona.
        headers = {"Authorization": f"Token {_token(user)}"}
        try:
            _fuzz(operation, headers)
        except (Exception, BaseExceptionGroup) as exc:  # collect every failing operation
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:3000]
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())
