"""The demo world's hazards: every state, overdue, major, 一诠科技's two findings, public reports,
the missing agreement, and nothing changes when loaded twice."""

import pytest

from anjian.hazards.models import Hazard, HazardVerification, PublicReport

pytestmark = pytest.mark.django_db


def test_demo_hazards(client):
    from anjian.demo import world

    world.load()
    hazards = Hazard.objects.all()
    assert set(hazards.values_list("status", flat=True)) == {
        "reported",
        "rectifying",
        "submitted",
        "sent_back",
        "closed",
    }
    assert hazards.overdue().exists()
    yiquan = hazards.filter(enterprise__name="一诠科技（中国）有限公司")
    assert yiquan.count() == 2
    assert set(yiquan.values_list("status", flat=True)) == {"rectifying"}
    assert all(h.space.code == "YQ-YX-01" for h in yiquan)
    assert any("隔离门" in h.description and "警示标志" in h.description for h in yiquan)
    assert any("应急救援" in h.description for h in yiquan)
    major = hazards.get(level="major")
    assert major.status == "closed"
    assert list(
        HazardVerification.objects.filter(hazard=major).values_list("signer_level", flat=True)
    ) == ["village", "subdistrict", "district"]
    assert major.enterprise.risk_grade == "A"
    assert (
        hazards.filter(
            source="agreement_check", agreement_tenant__name="江门市新彩塑胶制品有限公司"
        ).count()
        == 1
    )
    assert PublicReport.objects.filter(status="received").count() == 2
    count = hazards.count()
    world.load()
    assert Hazard.objects.count() == count
    # the pages of the demo open for the people who work them
    from django.contrib.auth import get_user_model

    for username in ("dn_liang", "wh_huang", "yjj_wang", "hyd_luo"):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        assert client.get("/hazards/").status_code == 200
        for hazard in Hazard.objects.restrict(user, "view")[:3]:
            assert client.get(f"/hazards/{hazard.pk}/").status_code == 200
    client.force_login(get_user_model().objects.get(username="wh_huang"))
    assert client.get("/hazards/self-reporting/").status_code == 200
    assert client.get("/hazards/public-reports/").status_code == 200
    assert client.get("/").status_code == 200


def test_every_hazards_page_opens_for_every_demo_person(client):
    """No 5xx or unexpected 4xx: each demo account opens the hazards menu pages, a hazard and a
    public report in its reach, and the confirmation page of every move offered there."""
    from django.contrib.auth import get_user_model

    from anjian.core import navigation
    from anjian.demo import world
    from anjian.hazards.views import SIGN_OFFS

    world.load()
    for user in get_user_model().objects.filter(is_active=True):
        client.force_login(user)
        urls = [
            entry[1]
            for _, entries in navigation.menu_for(user)
            for entry in entries
            if entry[0].url_name.startswith("hazards:")
        ]
        hazard = Hazard.objects.restrict(user, "view").first()
        if hazard is not None:
            urls.append(f"/hazards/{hazard.pk}/")
            for transition in Hazard.workflow.available(hazard, user):
                if transition.name not in SIGN_OFFS:
                    urls.append(f"/hazards/{hazard.pk}/transition/{transition.name}/")
        report = PublicReport.objects.restrict(user, "view").first()
        if report is not None:
            urls.append(f"/hazards/public-reports/{report.pk}/")
        for url in urls:
            status = client.get(url).status_code
            assert status == 200, (user.username, url, status)
