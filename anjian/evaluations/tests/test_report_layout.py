"""The evaluation report's layout from facts built here (no database): every section in order,
the GB/T 9704 habits (仿宋 body, centred title, a PAGE field in the footer), Chinese dates and
amounts as an evaluation report writes them."""

import datetime
import io
from decimal import Decimal

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH

from anjian.evaluations.report import facts as F
from anjian.evaluations.report import text
from anjian.evaluations.report.word import layout

SECTIONS = [
    "一、评估工作概况",
    "二、责任追究意见落实情况",
    "（一）建议公安机关侦查处理人员的处理情况。",
    "（二）建议给予党纪政务处分和问责处理的单位及人员处理情况。",
    "（三）对涉事单位和责任人员行政处罚情况。",
    "三、事故防范和整改措施建议落实情况",
    "四、存在问题",
    "（一）事故调查报告落实整改存在的问题",
    "（二）事发同类型单位检查发现的问题",
    "五、工作建议",
    "六、评估意见",
]


def build_facts(**overrides):
    values = dict(
        accident=F.AccidentFacts(
            name="某市某化工有限公司“2·29”较大中毒和窒息事故",
            occurred_at=datetime.datetime(2024, 2, 29, 9, 5),
            place="某市某区某镇工业路8号",
            enterprise="某市某化工有限公司",
            kind="中毒和窒息",
            level="较大",
            deaths=3,
            serious_injuries=2,
            injuries=0,
            direct_loss=Decimal("6120000"),
        ),
        investigation=F.InvestigationFacts(
            government="某市人民政府",
            report_title="某市某化工有限公司“2·29”较大中毒和窒息事故调查报告",
            team=["某市应急管理局", "某市公安局"],
            approved_by="某市人民政府",
            approved_on=datetime.date(2024, 6, 28),
            approval_number="某府函〔2024〕88号",
            published_on=datetime.date(2024, 7, 5),
        ),
        work=F.WorkFacts(
            organizer="某市安委办",
            started_on=datetime.date(2025, 5, 20),
            ended_on=datetime.date(2025, 5, 22),
            members=["某市应急管理局", "某市总工会"],
            experts=["张工"],
            methods=["听取汇报", "查阅档案"],
        ),
        items=[
            F.ItemFacts(
                track=F.CRIMINAL,
                subject="王某某",
                is_person=True,
                steps=[
                    F.StepFacts("立案侦查", datetime.date(2024, 7, 10), body="某市公安局"),
                    F.StepFacts(
                        "采取刑事强制措施",
                        datetime.date(2024, 7, 20),
                        measure="取保候审",
                        document_number="某公（刑）取保字〔2024〕1号",
                    ),
                ],
            ),
            F.ItemFacts(
                track=F.GOVERNMENT_SANCTION,
                subject="李某某",
                is_person=True,
                political_status="中共党员",
                position="某镇副镇长",
                outcome="给予政务记过处分",
                outcome_on=datetime.date(2024, 9, 1),
                done=True,
                verdict="已落实",
            ),
            F.ItemFacts(
                track=F.ADMINISTRATIVE_PENALTY,
                subject="某市某化工有限公司",
                executing_body="某市应急管理局",
                outcome="给予罚款的行政处罚",
                document_number="某应急罚〔2024〕12号",
                amount=Decimal("1500000"),
                paid=True,
                done=True,
            ),
        ],
        recommendations=[
            F.RecommendationFacts(
                1,
                "企业要全面排查有限空间。",
                assigned_to=["某市某化工有限公司"],
                progress=[
                    F.ProgressFacts(
                        "某市某化工有限公司", "已建立有限空间台账。", datetime.date(2024, 10, 8)
                    )
                ],
                verdict="已落实",
            )
        ],
        findings=[
            F.FindingFacts(
                "部门整改台账不完整",
                handed_to="某市应急管理局",
                deadline=datetime.date(2025, 6, 30),
            )
        ],
        spot_checks=[
            F.SpotCheckFacts(
                "某市另一化工有限公司",
                "某路1号",
                datetime.date(2025, 5, 21),
                ["有限空间未设置警示标志"],
            )
        ],
        suggestions=["坚持问题导向\n紧盯重点行业领域。", "加强普法宣传"],
        conclusion="各项处理建议和防范整改措施已落实到位。",
    )
    values.update(overrides)
    return F.ReportFacts(**values)


def open_docx(document):
    return docx.Document(io.BytesIO(document.to_bytes()))


def paragraphs(opened):
    return [p.text for p in opened.paragraphs]


@pytest.fixture
def zh():
    with translation.override("zh-hans"):
        yield


def test_every_section_heading_in_order(zh):
    opened = open_docx(layout(build_facts()))
    texts = paragraphs(opened)
    positions = [texts.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert texts[0] == "某市某化工有限公司“2·29”较大中毒和窒息事故防范和整改措施落实情况评估报告"
    assert opened.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_sections_present_even_when_empty(zh):
    facts = build_facts(
        items=[], recommendations=[], findings=[], spot_checks=[], suggestions=[], conclusion=""
    )
    texts = paragraphs(open_docx(layout(facts)))
    positions = [texts.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert "评估尚未形成意见。" in texts


def test_facts_written_in_chinese_dates_and_amounts(zh):
    body = "\n".join(paragraphs(open_docx(layout(build_facts()))))
    # 29 February with the time, the loss in 万元, a fine in whole 万元
    assert "2024年2月29日9时05分许" in body
    assert "直接经济损失612万元" in body
    assert "3人死亡、2人重伤" in body
    assert "150万元" in body
    assert "某府函〔2024〕88号" in body
    assert "【某公（刑）取保字〔2024〕1号】" in body
    assert "2024年7月20日" in body
    assert "整改落实情况：某市某化工有限公司（2024年10月8日）：已建立有限空间台账。" in body
    assert "发现该企业存在1项隐患问题" in body
    assert "（一）坚持问题导向" in body


def test_official_fonts_and_page_number():
    document = layout(build_facts())
    opened = open_docx(document)
    normal = opened.styles["Normal"].element.rPr.rFonts
    assert (
        normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )
    footer = opened.sections[0].footer._element.xml
    assert "PAGE" in footer
    assert document.download_name.endswith(".docx")


def test_money_and_numbers():
    with translation.override("zh-hans"):
        assert text.money(Decimal("31200")) == "31200元"
        assert text.money(Decimal("400000")) == "40万元"
        assert text.money(Decimal("2425000"), in_ten_thousands=True) == "242.5万元"
    assert text.cn_number(10) == "十"
    assert text.cn_number(12) == "十二"
    assert text.cn_number(21) == "二十一"
    # Past 99 (a recommendation numbered 100 or more must not break the report).
    assert [text.cn_number(n) for n in (99, 100, 101, 110, 115, 999, 1005, 1010, 2300)] == [
        "九十九",
        "一百",
        "一百零一",
        "一百一十",
        "一百一十五",
        "九百九十九",
        "一千零五",
        "一千零一十",
        "二千三百",
    ]


def test_public_scrub_removes_id_and_phone():
    scrubbed = F.scrub_public("联系人 13800138000，身份证 440704196502291234，电话 0750-3123456")
    assert "13800138000" not in scrubbed
    assert "440704196502291234" not in scrubbed
    assert "0750-3123456" not in scrubbed
