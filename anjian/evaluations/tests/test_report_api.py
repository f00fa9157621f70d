"""The report through the API (``GET /api/evaluations/evaluations/{id}/report/``): the Word
document the page downloads, its public version with ``?public=1`` (masked per the policy), the
download audited; outside the user's reach (an expert not in the working group) 404."""

import io

import docx
import pytest

from anjian.core.models import AuditEvent
from anjian.evaluations.testing import busy_evaluation_in

pytestmark = pytest.mark.django_db


def _text(response):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)


def test_the_api_returns_the_report_and_its_public_version(world, api_client):
    from anjian.evaluations.models import ItemVerdict

    evaluation = busy_evaluation_in(world)
    person = ItemVerdict.objects.get(evaluation=evaluation).item
    api_client.force_authenticate(world.users["committee"])
    url = f"/api/evaluations/evaluations/{evaluation.pk}/report/"
    response = api_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "attachment" in response["Content-Disposition"]
    full = _text(response)
    assert person.person_name in full  # a criminal-track person: enterprise staff
    public = _text(api_client.get(url + "?public=1"))
    assert person.person_name not in public and person.person_name[0] + "某" in public
    assert (
        AuditEvent.objects.filter(action="evaluations.evaluation.document_downloaded").count() == 2
    )


def test_an_expert_outside_the_working_group_gets_404(world, api_client):
    evaluation = busy_evaluation_in(world)
    evaluation.experts.clear()
    api_client.force_authenticate(world.users["expert"])
    assert (
        api_client.get(f"/api/evaluations/evaluations/{evaluation.pk}/report/").status_code == 404
    )
