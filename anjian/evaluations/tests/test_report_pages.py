"""The report's surfaces: the page and the Word download for those who may view the evaluation
(404 outside their reach), the public listing and public report without sign-in (published only,
never a draft), and ``manage.py evaluation_report``."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from anjian.core.documents import DOCX_CONTENT_TYPE
from anjian.evaluations import testing as T
from anjian.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(world):
    evaluation = T.evaluation_in(world, world.regions["subdistrict"], conclusion="整改已落实到位。")
    T.add_item(
        evaluation.accident, person_name="孙某甲", track="administrative_penalty", amount=31200
    )
    return evaluation


def publish(evaluation):
    Evaluation._base_manager.filter(pk=evaluation.pk).update(status="published")


def test_the_committee_office_reads_and_downloads_the_report(world, login, evaluation):
    client = login(world.users["committee"])
    page = client.get(reverse("evaluations:evaluation_report", args=[evaluation.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "六、评估意见" in body and "整改已落实到位。" in body and "孙某甲" in body
    response = client.get(
        reverse("evaluations:evaluation_document", args=[evaluation.pk, "report"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "31200元" in text and "孙某甲" in text
    public = client.get(reverse("evaluations:evaluation_document", args=[evaluation.pk, "public"]))
    public_text = "\n".join(p.text for p in docx.Document(io.BytesIO(public.content)).paragraphs)
    assert "孙某甲" not in public_text and "孙某某" in public_text  # staff names masked by default
    assert (
        client.get(
            reverse("evaluations:evaluation_document", args=[evaluation.pk, "nope"])
        ).status_code
        == 404
    )


def test_outside_the_jurisdiction_is_a_404(world, login):
    other = T.evaluation_in(world, world.regions["other_district_subdistrict"])
    client = login(world.users["subdistrict_officer"])
    assert client.get(reverse("evaluations:evaluation_report", args=[other.pk])).status_code == 404
    assert (
        client.get(
            reverse("evaluations:evaluation_document", args=[other.pk, "report"])
        ).status_code
        == 404
    )


def test_public_listing_shows_published_only(client, evaluation, world):
    draft = T.evaluation_in(world, world.regions["subdistrict"])
    publish(evaluation)
    listing = client.get(reverse("evaluations:public_list"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert evaluation.accident.name in body
    assert draft.accident.name not in body
    assert client.get(reverse("evaluations:public_report", args=[draft.pk])).status_code == 404
    assert client.get(reverse("evaluations:public_report_docx", args=[draft.pk])).status_code == 404
    report = client.get(reverse("evaluations:public_report", args=[evaluation.pk]))
    assert report.status_code == 200
    assert "孙某甲" not in report.content.decode()
    download = client.get(reverse("evaluations:public_report_docx", args=[evaluation.pk]))
    assert download.status_code == 200 and download["Content-Type"] == DOCX_CONTENT_TYPE


def test_command_lists_and_writes(evaluation, tmp_path):
    out = io.StringIO()
    call_command("evaluation_report", "--list", stdout=out)
    assert f"{evaluation.pk}\t{evaluation.accident.name}\t" in out.getvalue()
    target = tmp_path / "report.docx"
    call_command(
        "evaluation_report",
        str(evaluation.pk),
        "--output",
        str(target),
        "--public",
        stdout=io.StringIO(),
    )
    opened = docx.Document(str(target))
    assert any("评估意见" in p.text for p in opened.paragraphs)
    assert not any("孙某甲" in p.text for p in opened.paragraphs)
    with pytest.raises(CommandError):
        call_command("evaluation_report", "999999", "--output", str(target))
    with pytest.raises(CommandError):
        call_command("evaluation_report")
