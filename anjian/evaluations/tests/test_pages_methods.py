"""The evaluation's methods on its page and form: the page shows each method's label (听取汇报, not
"briefings"), and the form keeps each method's own text — saving the seed evaluation unchanged
leaves its methods as the demo gave them (they once merged into the first method's text)."""

import pytest
from django.urls import reverse

from anjian.evaluations.choices import Method
from anjian.evaluations.forms import EvaluationForm
from anjian.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db


def unchanged_post(form):
    """What the browser posts for ``form`` when nothing is touched."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.get_initial_for_field(field, name)
        if value in (None, "", [], False):
            continue
        if value is True:
            data[name] = "on"
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


@pytest.fixture
def seed_evaluation():
    from anjian.demo import world

    world.load()
    evaluation = Evaluation._base_manager.filter(accident__name__contains="4·5").first()
    assert evaluation is not None, "The demo holds no evaluation of the “4·5” accident."
    return evaluation


def test_saving_the_seed_evaluation_unchanged_keeps_its_methods(seed_evaluation, client):
    from anjian.accounts.models import User

    methods = list(seed_evaluation.methods)
    assert len([m for m in methods if m.get("text")]) > 1  # the seed: a text per method
    committee = User.objects.get(username="awb_li")
    client.force_login(committee)
    page = client.get(reverse("evaluations:evaluation_detail", args=[seed_evaluation.pk]))
    html = page.content.decode()
    assert str(Method.BRIEFINGS.label) in html and ">briefings" not in html

    # Published, it is read-only; reopened (as it was while the group worked), saved unchanged.
    Evaluation._base_manager.filter(pk=seed_evaluation.pk).update(status="in_progress")
    seed_evaluation.refresh_from_db()
    form = EvaluationForm(instance=seed_evaluation, user=committee)
    response = client.post(
        reverse("evaluations:evaluation_edit", args=[seed_evaluation.pk]), unchanged_post(form)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    seed_evaluation.refresh_from_db()
    assert seed_evaluation.methods == methods


def test_each_method_keeps_its_own_text(world, login):
    from anjian.evaluations.testing import evaluation_in

    evaluation = evaluation_in(
        world,
        world.regions["village"],
        methods=[{"code": "files", "text": "查阅台账"}, {"code": "briefings", "text": "听取汇报"}],
    )
    client = login(world.users["committee"])
    form = EvaluationForm(instance=evaluation, user=world.users["committee"])
    data = unchanged_post(form)
    assert data["method_files_text"] == "查阅台账" and data["method_briefings_text"] == "听取汇报"
    data["method_interviews"] = "on"
    data["method_interviews_text"] = "座谈交流\r\n两次"
    data.pop("method_files")
    response = client.post(reverse("evaluations:evaluation_edit", args=[evaluation.pk]), data)
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.methods == [
        {"code": "briefings", "text": "听取汇报"},
        {"code": "interviews", "text": "座谈交流\n两次"},
    ]
