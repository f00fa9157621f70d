"""The report generated for the demo evaluation (恒亦达's "4·5" accident) holds every section of the
seed report (/work/shared/seed/000_76a2a96764d7e0ce.txt) and every name, date, amount and document
number the seed gives — all of them read from the records the demo loads, none typed in the report
code. The public version of it carries no ID or phone number."""

import io
import re

import docx
import pytest
from django.utils import translation

from anjian.evaluations.models import Evaluation
from anjian.evaluations.report.gather import gather
from anjian.evaluations.report.word import layout

pytestmark = pytest.mark.django_db

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
# The facts the seed gives, read through it paragraph by paragraph: persons, bodies, enterprises,
# places, dates, amounts and counts, document numbers, laws and their articles, named documents.
NAMES = [
    # persons (二, 三)
    "陈庆芳",
    "刘永臣",
    "陈悦铨",
    "潘宗文",
    "麦炳权",
    "苏锦荣",
    "许卫平",
    "何涛",
    "魏定华",
    "林国忠",
    # bodies and enterprises (一 to 四)
    "外海街道办事处",
    "东南村委会",
    "江海区应急管理局",
    "江门市公安局江海分局",
    "江海区经济促进局",
    "江门市生态环境局江海分局",
    "江海区总工会",
    "江海区纪委常委会",
    "区纪委干部监督室",
    "区委主要负责同志",
    "江门市恒亦达电子有限公司",
    "恒亦达公司",
    "一诠科技（中国）有限公司",
    "专家组",
    # places
    "外海街道高新区21号地（东南工业二区）",
    "好氧池",
    "金辉路9号",
    "到外海街道",
    # political status and measures
    "群众",
    "中共党员",
    "政务警告",
    "党内警告",
    "诫勉",
    "批评教育",
    "取保候审",
    "重大责任事故案",
    "移送检察机关审查起诉",
]
# Who executed each measure: the police filed and took the measures; the discipline commission's
# office criticised; the emergency bureau fined.
EXECUTING_BODIES = [
    "2023年10月23日，江门市公安局江海分局以重大责任事故案立案侦查",
    "2023年11月7日，江门市公安局江海分局对陈庆芳采取取保候审刑事强制措施",
    "2023年10月19日，区纪委干部监督室对苏锦荣同志进行批评教育",
    "2023年10月19日，区纪委干部监督室对魏定华同志进行批评教育",
    "江海区应急管理局依法给予恒亦达公司人民币40万元罚款的行政处罚",
    "江海区应急管理局依法给予陈庆芳人民币31200元罚款的行政处罚",
    "江海区应急管理局依法给予刘永臣人民币25200元罚款的行政处罚",
    "陈庆芳已履行行政处罚决定",
]
DATES = [
    "2023年4月5日14时45分许",
    "2023年10月23日",
    "2023年11月7日",
    "2023年8月22日",
    "2023年4月7日",
    "2023年6月15日",
    "2023年9月19日",
    "2023年10月19日",
    "2024年5月21日",
]
AMOUNTS = [
    "242.5万元",
    "40万元",
    "31200元",
    "25200元",
    "19万元",
    "16家",
    "1人死亡",
    "1人受伤",
    "2项隐患问题",
    "A、B、C、D四级",
    "2.0m*3.0m*3.0m",
]
DOCUMENT_NUMBERS = [
    "江公江海（刑警）取保字〔2023〕316095号",
    "江公江海（刑警）取保字〔2023〕316096号",
]
LAWS = [
    "《中华人民共和国刑事诉讼法》第一百一十二条",
    "第六十七条第一款第（二）项",
    "《中华人民共和国公职人员政务处分法》第三十九条第二项",
    "《中国共产党纪律处分条例》第十七条第二项、第三十七条、第一百三十三条",
    "《中华人民共和国安全生产法》第一百一十四条第（一）项",
    "第九十五条第一项",
    "第九十六条",
    "《中华人民共和国行政处罚法》第三十二条",
]
DOCUMENTS = [
    "《江门市恒亦达电子有限公司“4·5”一般中毒事故调查报告》",
    "《江门市恒亦达电子有限公司“4·5”一般中毒事故评估工作组现场检查情况表》",
    "《关于外海街道班子成员分工调整的通知》",
    "《江海区有限空间作业安全专项检查实施方案》",
    "《江海区安全生产专项教育整治方案》",
    "《有限空间安全事故安全事故指南》",
    "《广东省党政领导干部安全生产责任制实施细则》",
    "“5·26”",
    "七个不准",
    "一线三排",
]
# 四（二） and 五 as the seed has them.
SPOT_CHECK = [
    "采取不打招呼、直奔现场的检查方式",
    "以上问题已由江海区应急管理局跟进处理",
]
SUGGESTIONS = [
    "（一）坚持以问题为导向，扭转事故多发频发势头。",
    "（二）深刻汲取事故教训，持续推进有限空间违规作业等隐患整治。",
    "（三）加强普法宣传，推动全民提升安全意识。",
]


@pytest.fixture
def seed_evaluation():
    from anjian.demo import world

    world.load()
    evaluation = (
        Evaluation._base_manager.filter(accident__name__contains="4·5")
        .select_related("accident", "organizer")
        .first()
    )
    # A demo that lost the seed's evaluation is a broken demo: fail, never skip.
    assert evaluation is not None, "The demo holds no evaluation of the “4·5” accident."
    return evaluation


def text_of(evaluation, public=False):
    with translation.override("zh-hans"):
        document = layout(gather(evaluation, public=public))
    opened = docx.Document(io.BytesIO(document.to_bytes()))
    return [p.text for p in opened.paragraphs]


def test_demo_report_holds_the_seed(seed_evaluation):
    paragraphs = text_of(seed_evaluation)
    # The sections in order, 五's three headed suggestions between 五 and 六.
    order = SECTIONS[:-1] + SUGGESTIONS + SECTIONS[-1:]
    positions = [paragraphs.index(section) for section in order]
    assert positions == sorted(positions)
    body = "\n".join(paragraphs)
    facts = (
        NAMES
        + EXECUTING_BODIES
        + DATES
        + AMOUNTS
        + DOCUMENT_NUMBERS
        + LAWS
        + DOCUMENTS
        + SPOT_CHECK
    )
    missing = [fact for fact in facts if fact not in body]
    assert not missing, missing
    assert "防范和整改措施落实情况评估报告" in paragraphs[0]
    # Told once each: the case filed on 23 October (not on the day of the bail), the spot check's
    # problems only under 四（二）, the penalty carried out once.
    assert "2023年11月7日，以重大责任事故案" not in body
    assert "立案侦查，立案侦查" not in body
    assert body.count("隔离门") == 1
    assert "江海区应急管理局已履行" not in body
    # The 2024 report gives no deadline of today's years.
    assert not re.search(r"202[6-9]年", body)


def test_demo_public_report_has_no_id_or_phone(seed_evaluation):
    body = "\n".join(text_of(seed_evaluation, public=True))
    assert not re.search(r"(?<!\d)[1-9]\d{16}[\dXx](?!\d)", body)
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", body)
    # Enterprise staff: names and positions masked by the default policy; experts too.
    assert "陈庆芳" not in body and "陈某某" in body
    assert "实际控制人" not in body
    assert "吴振华" not in body
