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
# The facts the seed gives: persons, bodies, enterprises, dates, amounts, document numbers.
NAMES = [
    "陈庆芳",
    "刘永臣",
    "陈悦铨",
    "潘宗文",
    "麦炳权",
    "苏锦荣",
    "许卫平",
    "何涛",
    "魏定华",
    "东南村",
    "外海街道办事处",
    "江海区应急管理局",
    "江门市公安局江海分局",
    "江门市恒亦达电子有限公司",
    "一诠科技（中国）有限公司",
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
AMOUNTS = ["242.5万元", "40万元", "31200元", "25200元", "1人死亡", "1人受伤"]
DOCUMENT_NUMBERS = [
    "江公江海（刑警）取保字〔2023〕316095号",
    "江公江海（刑警）取保字〔2023〕316096号",
]
LAWS = ["《中华人民共和国安全生产法》第一百一十四条", "《中华人民共和国公职人员政务处分法》"]


@pytest.fixture
def seed_evaluation():
    from anjian.demo import world

    world.load()
    evaluation = (
        Evaluation._base_manager.filter(accident__name__contains="4·5")
        .select_related("accident", "organizer")
        .first()
    )
    if evaluation is None:
        pytest.skip(
            "The demo holds no evaluation of the “4·5” accident (accidents demo not loaded)."
        )
    return evaluation


def text_of(evaluation, public=False):
    with translation.override("zh-hans"):
        document = layout(gather(evaluation, public=public))
    opened = docx.Document(io.BytesIO(document.to_bytes()))
    return [p.text for p in opened.paragraphs]


def test_demo_report_holds_the_seed(seed_evaluation):
    paragraphs = text_of(seed_evaluation)
    positions = [paragraphs.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    body = "\n".join(paragraphs)
    missing = [
        fact for fact in NAMES + DATES + AMOUNTS + DOCUMENT_NUMBERS + LAWS if fact not in body
    ]
    assert not missing, missing
    assert "防范和整改措施落实情况评估报告" in paragraphs[0]


def test_demo_public_report_has_no_id_or_phone(seed_evaluation):
    body = "\n".join(text_of(seed_evaluation, public=True))
    assert not re.search(r"(?<!\d)[1-9]\d{16}[\dXx](?!\d)", body)
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", body)
    assert "陈庆芳" not in body  # enterprise staff: masked by the default policy
