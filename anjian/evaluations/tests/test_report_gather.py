"""The report gathered from the records: a 较大 accident investigated by the city (a different
accident from the seed, built only here) gives a correct report; the public version masks what the
disclosure policy says and never carries an ID or phone number."""

import datetime
import io
from decimal import Decimal

import docx
import pytest
from django.utils import translation

from anjian.accidents.models import (
    CriminalStep,
    ImplementationProgress,
    Recommendation,
    RecommendationAssignment,
)
from anjian.evaluations import testing as T
from anjian.evaluations.models import DisclosurePolicy, Finding, ItemVerdict, RecommendationVerdict
from anjian.evaluations.report.gather import gather
from anjian.evaluations.report.word import layout
from anjian.evaluations.rules import mask_name

ID = "440704196502291234"  # born 29 February 1965 (a leap year)
PHONE = "13902271234"


@pytest.fixture
def city_case(world):
    enterprise = world.enterprise_for(world.regions["subdistrict"])
    accident = T.make_accident(
        enterprise,
        name="测试化工“8·16”较大爆炸事故",
        kind="explosion",
        deaths=3,
        injuries=4,
        direct_loss=Decimal("8765000"),
        approved_on=datetime.date(2024, 2, 29),
    )
    investigation = accident.investigation
    investigation.approved_by = "江门市人民政府"
    investigation.approval_number = "江府函〔2024〕29号"
    investigation.published_on = datetime.date(2024, 3, 8)
    investigation.save()
    investigation.team.set([world.organizations["city_bureau"]])
    criminal = T.add_item(accident, person_name="赵某人", order=1, track="criminal")
    CriminalStep.objects.create(
        item=criminal,
        step="compulsory_measure",
        on=datetime.date(2024, 3, 1),
        measure="刑事拘留",
        document_number="江公（刑）拘字〔2024〕77号",
        body="江门市公安局",
    )
    official = T.add_item(
        accident,
        person_name="钱大官",
        political_status="party_member",
        position="江门市应急管理局副局长",
        track="party_discipline",
        executing_body="中共江门市纪律检查委员会",
        outcome=f"给予钱大官党内严重警告处分（身份证号{ID}）",
        outcome_on=datetime.date(2024, 5, 6),
        status="done",
        order=2,
    )
    penalty = T.add_item(
        accident,
        subject_kind="organization",
        person_name="",
        person_organization=enterprise.name,
        track="administrative_penalty",
        executing_body="江门市应急管理局",
        outcome="给予罚款的行政处罚",
        document_number="江应急罚〔2024〕5号",
        amount=Decimal("1200000"),
        status="done",
        order=3,
    )
    rec = Recommendation.objects.create(
        accident=accident, number=1, text="全市开展爆炸危险场所专项整治。"
    )
    assignment = RecommendationAssignment.objects.create(
        recommendation=rec, organization=world.organizations["city_bureau"]
    )
    ImplementationProgress.objects.create(
        assignment=assignment,
        text=f"已完成专项整治，联系电话{PHONE}。",
        reported_on=datetime.date(2024, 9, 30),
    )
    evaluation = T.make_evaluation(
        accident,
        world.organizations["city_committee"],
        started_on=datetime.date(2025, 2, 10),
        ended_on=datetime.date(2025, 2, 12),
        methods=[{"code": "files", "text": ""}],
        work_suggestions="（一）压实企业主体责任\n企业要建立爆炸危险场所台账。\n\n（二）加强执法",
        conclusion="各项建议已基本落实。",
    )
    evaluation.members.set([world.organizations["city_bureau"]])
    ItemVerdict.objects.create(evaluation=evaluation, item=official, verdict="implemented")
    ItemVerdict.objects.create(
        evaluation=evaluation, item=penalty, verdict="partly", comment="罚款分期缴纳中"
    )
    RecommendationVerdict.objects.create(
        evaluation=evaluation, recommendation=rec, verdict="implemented"
    )
    Finding.objects.create(
        evaluation=evaluation,
        problem="市应急管理局专项整治台账不完整",
        handed_to_organization=world.organizations["city_bureau"],
        deadline=datetime.date(2025, 3, 31),
    )
    from anjian.evaluations.models import SpotCheck
    from anjian.inspections.testing import make_inspection

    SpotCheck.objects.create(
        evaluation=evaluation,
        inspection=make_inspection(
            world.enterprise_for(world.regions["village"]), kind="evaluation_spot_check"
        ),
    )
    return evaluation


def report_text(evaluation, **kwargs):
    document = layout(gather(evaluation, **kwargs))
    opened = docx.Document(io.BytesIO(document.to_bytes()))
    return "\n".join(p.text for p in opened.paragraphs)


@pytest.mark.django_db
def test_city_accident_report_is_correct(city_case, world):
    with translation.override("zh-hans"):
        text = report_text(city_case, user=world.users["committee"])
    for expected in [
        "测试化工“8·16”较大爆炸事故防范和整改措施落实情况评估报告",
        "江门市人民政府成立事故调查组",  # the city investigated, not the district
        "市应急管理局",
        "2024年2月29日",
        "江府函〔2024〕29号",
        "直接经济损失876.5万元",
        "3人死亡",
        "【江公（刑）拘字〔2024〕77号】",
        "刑事拘留",
        "钱大官",
        "江门市应急管理局副局长",
        "2024年5月6日",
        "120万元",
        "江应急罚〔2024〕5号",
        "罚款分期缴纳中",
        "全市开展爆炸危险场所专项整治",
        "2024年9月30日",
        "市安委办",
        "2025年2月10日",
        "市应急管理局专项整治台账不完整",
        "2025年3月31日",
        "（一）压实企业主体责任",
        "（二）加强执法",
        "各项建议已基本落实。",
        # every track names its executing body; a criminal step says who did what to whom
        "2024年5月6日，中共江门市纪律检查委员会给予钱大官党内严重警告处分",
        "江门市应急管理局给予罚款的行政处罚",
        "2024年3月1日，江门市公安局对赵某人采取刑事拘留刑事强制措施【江公（刑）拘字〔2024〕77号】",
    ]:
        assert expected in text, expected
    assert "江海区人民政府" not in text
    # No enforcement case records a payment: nothing says the penalty was carried out.
    assert "已履行" not in text
    # The spot check was announced: not told as 不打招呼、直奔现场.
    assert "抽查了" in text and "不打招呼" not in text


@pytest.mark.django_db
def test_public_version_masks_per_policy_and_never_id_or_phone(city_case, world):
    DisclosurePolicy.objects.update_or_create(field="official_name", defaults={"masked": True})
    DisclosurePolicy.objects.update_or_create(field="staff_name", defaults={"masked": True})
    with translation.override("zh-hans"):
        text = report_text(city_case, user=world.users["committee"], public=True)
        full = report_text(city_case, user=world.users["committee"])
    assert ID in full and PHONE in full  # the internal version keeps the records as typed
    assert ID not in text and PHONE not in text
    assert "钱大官" not in text and mask_name("钱大官") in text
    assert "赵某人" not in text
    assert "中共党员" not in text  # political status masked by default


@pytest.mark.django_db
def test_public_version_publishes_officials_when_the_policy_says_so(city_case, world):
    DisclosurePolicy.objects.update_or_create(field="official_name", defaults={"masked": False})
    DisclosurePolicy.objects.update_or_create(field="position", defaults={"masked": False})
    with translation.override("zh-hans"):
        text = report_text(city_case, user=world.users["committee"], public=True)
    assert "钱大官" in text
    assert "江门市应急管理局副局长" in text
    assert ID not in text
