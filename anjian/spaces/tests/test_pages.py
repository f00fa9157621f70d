"""The ledger's pages: lists with their filters and badges, the space page with its risk, notice
board and work-now cards, the assessment form from a space, the enterprise-file panels, the API's
computed fields, and drills that point at a space of the organizer only."""

import datetime
import re

from django.urls import reverse

from anjian.spaces.models import ConfinedSpace, SpaceRiskAssessment
from anjian.spaces.testing import (
    ConfinedSpaceFactory,
    SafetyEquipmentFactory,
    SpaceRiskAssessmentFactory,
    space_in,
)
from anjian.training.models import Drill

TODAY = datetime.date.today()


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_ledger_list_filters_and_shows_the_current_level(world, login):
    client = login(world.users["subdistrict_officer"])
    inside = world.enterprises["inside"]
    toxic = ConfinedSpaceFactory(enterprise=inside, name="好氧池", toxic_gases=["H2S"])
    SpaceRiskAssessmentFactory(space=toxic, likelihood=6, exposure=6, consequence=15)
    ConfinedSpaceFactory(enterprise=inside, name="储罐", kind="closed_equipment", toxic_gases=[])
    ConfinedSpaceFactory(enterprise=world.enterprises["outside"], name="外街道的池")
    url = reverse("spaces:confinedspace_list")
    text = _text(client.get(url))
    assert "好氧池" in text and "储罐" in text and "外街道的池" not in text
    assert 'data-risk="red"' in text and "重大风险（红）" in text
    assert "储罐" not in _text(client.get(url + "?toxic=yes"))
    assert "好氧池" not in _text(client.get(url + "?toxic=no"))
    assert "储罐" not in _text(client.get(url + "?risk_level=red"))
    assert "好氧池" not in _text(client.get(url + "?kind=closed_equipment"))
    assert "储罐" not in _text(client.get(url + "?q=好氧"))
    assert "好氧池" not in _text(client.get(url + f"?enterprise={world.enterprises['outside'].pk}"))


def test_space_page_shows_risk_notice_board_and_no_entry(world, login):
    client = login(world.users["enterprise_manager"])
    space = space_in(world, world.regions["village"], name="调节池")
    response = client.get(reverse("spaces:confinedspace_detail", args=[space.pk]))
    text = _text(response)
    assert response.status_code == 200
    assert "尚未评估" in text and "禁止进入" in text and "危险！有限空间" in text
    assert reverse("spaces:confinedspace_label", args=[space.pk]) in text
    add = reverse("spaces:spaceriskassessment_add") + f"?space={space.pk}"
    assert add.replace("&", "&amp;") in text or add in text
    form = client.get(add)
    assert form.status_code == 200 and f'value="{space.pk}" selected' in form.content.decode()
    done = client.post(
        reverse("spaces:spaceriskassessment_add"),
        {
            "space": space.pk,
            "method": "lec",
            "likelihood": "3",
            "exposure": "6",
            "consequence": "15",
            "controls": "先通风再检测",
            "assessed_on": TODAY.isoformat(),
            "assessor": "安全主任",
        },
    )
    assert done.status_code == 302
    assessment = SpaceRiskAssessment.objects.get(space=space)
    assert (assessment.score, assessment.level) == (270, "orange")
    text = _text(client.get(reverse("spaces:confinedspace_detail", args=[space.pk])))
    assert "较大风险（橙）" in text and "先通风再检测" in text


def test_a_bad_assessment_lists_every_reason(world, login):
    client = login(world.users["enterprise_manager"])
    space = space_in(world, world.regions["village"])
    response = client.post(
        reverse("spaces:spaceriskassessment_add"),
        {
            "space": space.pk,
            "method": "lec",
            "likelihood": "4",
            "consequence": "50",
            "assessed_on": TODAY.isoformat(),
            "assessor": "x",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"likelihood", "exposure", "consequence"} <= set(errors)


def test_equipment_list_badges_out_of_date_and_due_soon(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    SafetyEquipmentFactory(
        enterprise=inside,
        name="过期检测仪",
        calibrated_on=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY - datetime.timedelta(days=35),
    )
    SafetyEquipmentFactory(
        enterprise=inside,
        name="将到期检测仪",
        calibrated_on=TODAY - datetime.timedelta(days=340),
        valid_until=TODAY + datetime.timedelta(days=25),
    )
    SafetyEquipmentFactory(enterprise=inside, name="正常检测仪")
    url = reverse("spaces:safetyequipment_list")
    text = _text(client.get(url))
    assert "已过有效期" in text and "即将到期" in text and "在有效期内" in text
    out = _text(client.get(url + "?validity=out_of_date"))
    assert "过期检测仪" in out and "将到期检测仪" not in out and "正常检测仪" not in out
    soon = _text(client.get(url + "?validity=due_soon"))
    assert "将到期检测仪" in soon and "过期检测仪" not in soon
    api = client.get("/api/spaces/equipment/?validity=out_of_date").json()
    assert [r["name"] for r in api["results"]] == ["过期检测仪"]
    assert api["results"][0]["in_date"] is False


def test_enterprise_file_panels(world, login):
    client = login(world.users["regulator"])
    inside = world.enterprises["inside"]
    ConfinedSpaceFactory(
        enterprise=inside, name="集水井", isolation="door", isolation_effective=False
    )
    SafetyEquipmentFactory(enterprise=inside, name="防爆风机", kind="ventilator")
    text = _text(client.get(reverse("enterprises:enterprise_detail", args=[inside.pk])))
    assert "集水井" in text and "不能阻止进入" in text and "防爆风机" in text


def test_api_space_has_toxic_risk_and_never_a_media_path(world, api_client):
    api_client.force_authenticate(world.users["enterprise_manager"])
    space = space_in(world, world.regions["village"], toxic_gases=["CO"])
    data = api_client.get(f"/api/spaces/spaces/{space.pk}/").json()
    assert data["has_toxic_risk"] is True and data["toxic_gases"] == ["CO"]
    assert "photo" not in data and data["photo_url"] is None and "label_token" not in data
    created = api_client.post(
        "/api/spaces/spaces/",
        {
            "enterprise": world.enterprises["inside"].pk,
            "code": "API-1",
            "name": "接口池",
            "kind": "underground",
            "isolation": "none",
            "isolation_effective": True,
        },
        format="json",
    )
    assert created.status_code == 400 and "isolation_effective" in created.json()
    assert not ConfinedSpace.objects.filter(code="API-1").exists()


def test_a_drill_points_at_a_space_of_its_organizer_only(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    own = ConfinedSpaceFactory(enterprise=inside, name="好氧池")
    other = ConfinedSpaceFactory(enterprise=world.enterprises["outside"], name="别家池")

    def post(space):
        return client.post(
            reverse("training:drill_add"),
            {
                "held_on": TODAY.isoformat(),
                "scenario": f"演练{space.pk}",
                "enterprise": inside.pk,
                "space": space.pk,
                "participant_count": 5,
            },
        )

    refused = post(other)  # outside the manager's view: not one of the choices
    assert refused.status_code == 200 and "space" in refused.context["form"].errors
    assert post(own).status_code == 302
    drill = Drill.objects.get(scenario=f"演练{own.pk}")
    assert drill.space == own and drill.place == str(own)
    # The regulator sees both spaces, but a drill of 恒亦达 cannot be in another enterprise's.
    client = login(world.users["regulator"])
    response = client.post(
        reverse("training:drill_add"),
        {
            "held_on": TODAY.isoformat(),
            "scenario": "跨企业演练",
            "enterprise": inside.pk,
            "space": ConfinedSpaceFactory(enterprise=world.enterprises["outside"]).pk,
            "participant_count": 5,
        },
    )
    assert response.status_code == 200 and "space" in response.context["form"].errors
    text = _text(client.get(reverse("training:drill_list")))
    assert str(own) in text
