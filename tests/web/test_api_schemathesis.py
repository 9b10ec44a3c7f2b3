"""schemathesis against the API's own OpenAPI schema (issue 11): every operation, with a valid unit
token, on data schemathesis generates from the schema (and data that breaks it): never a server
error, and only the status codes the schema lists.

Offline: the schema is read from and the requests sent to Django's WSGI application in this process
(``schemathesis.openapi.from_wsgi``), inside the test's database transaction; a few dozen examples
per operation keep the run to a minute or two.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

MAX_EXAMPLES = 30


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request (``close_old_connections``
    on request_finished), which on PostgreSQL ends the test's transaction; Django's own test client
    unhooks it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def existing(world) -> dict:
    """Real records of unit A for the operations that take an id (random ids are mostly 404)."""
    from luoshi_web.tracking.services import comment_add, progress_report_create

    p = progress_report_create(user=world.rita, assignment=world.a_a, as_of=world.a_a.deadline.replace(month=6, day=30),
                               narrative="已有的进展", percent_done=50)
    comment_add(user=world.su, commitment=world.c_a, body="请按月报送")
    return {"assignment_id": world.a_a.pk, "progress_id": p.pk, "commitment_id": world.c_a.pk}


@pytest.fixture
def unit_token(world, existing, keep_connection) -> str:
    from luoshi_web.apitokens.services import token_create

    return token_create(user=world.su, unit=world.unit_a, name="schemathesis").secret


def _load_schema():
    """Read at collection (pytest-django has set Django up by then; serving the schema reads no
    table). ``schemathesis.pytest.from_fixture`` would load it lazily but does not work with pytest 9."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


schema = _load_schema()


def test_the_schema_lists_every_operation_with_the_bearer_scheme(client):
    doc = client.get("/api/openapi.json").json()
    operations = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
    assert ("POST", "/api/progress/") in operations and ("POST", "/api/progress/{progress_id}/evidence") in operations
    assert ("POST", "/api/comments/") in operations and ("GET", "/api/assignments/") in operations
    assert any(s.get("scheme") == "bearer" for s in doc["components"]["securitySchemes"].values())
    for path, item in doc["paths"].items():
        for method, op in item.items():
            assert {"400", "401", "404"} <= set(op["responses"]), (method, path)
    assert client.get("/api/docs").status_code == 404  # its Swagger UI would load from a CDN


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_schema_says(case, unit_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {unit_token}"},
                           checks=[not_a_server_error, status_code_conformance])


@schema.include(path_regex=r"^/api/(progress|comments)/").parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_writes_on_the_units_own_records_answer_as_the_schema_says(case, unit_token, existing):
    """The same checks with the ids pointing at unit A's real assignment, report and commitment,
    so generated bodies reach the services' rules (and the database) instead of a 404."""
    if case.path_parameters and "progress_id" in case.path_parameters:
        case.path_parameters["progress_id"] = existing["progress_id"]
    if isinstance(case.body, dict):
        for key in ("assignment_id", "commitment_id"):
            if key in case.body:
                case.body[key] = existing[key]
    if case.query and "commitment" in case.query:
        case.query["commitment"] = existing["commitment_id"]
    case.call_and_validate(headers={"Authorization": f"Bearer {unit_token}"},
                           checks=[not_a_server_error, status_code_conformance])
