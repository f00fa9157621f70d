"""The hazards of the demo world (registered with ``anjian.demo.world.register``).

Every hazard is reported and moved through the services, as a user would (the closed loop's
timeline, sign-offs and audit are real); a hazard already there (same enterprise and description)
is left as it is, so loading twice changes nothing. Among them: 一诠科技's two findings from the
evaluation group's unannounced check (2024-05-21; the isolation door to the second-floor sewage
station too low to stop entry and without a warning sign; protective and rescue equipment short
in number and placement), being rectified; 恒亦达's major hazard (13-2) closed through all three
tiers; hazards in every state, some overdue; public reports; the park tenant without an agreement
as a management hazard of the park operator. Most enterprises reported nothing themselves this
quarter, so the focused-inspection list is long.
"""

from __future__ import annotations

import datetime
import struct
import zlib

from django.core.files.base import ContentFile
from django.utils import timezone

from anjian.enterprises.models import Enterprise
from anjian.hazards import services
from anjian.hazards.choices import HazardCategory, HazardSource
from anjian.hazards.models import Hazard, PublicReport

HENGYIDA = "江门市恒亦达电子有限公司"
YIQUAN = "一诠科技（中国）有限公司"
SPOT_CHECK_DAY = datetime.date(2024, 5, 21)
SPOT_CHECK_BASIS = "《工贸企业有限空间作业安全规定》（应急管理部令第13号）"


def demo_png(rgb=(200, 60, 40)) -> bytes:
    """A small valid PNG (8×8, one colour): a stand-in photo whose bytes pass the upload check."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _photo(name, rgb=(200, 60, 40)):
    return ContentFile(demo_png(rgb), name=name)


def _space(enterprise, code):
    from anjian.spaces.models import ConfinedSpace

    return ConfinedSpace._base_manager.filter(enterprise=enterprise, code=code).first()


# (enterprise, key, description, place, space code, category, source, reporter, found days ago,
#  criteria, deadline (the spot check's from its day, the others' from today), plan, moves [(transition, username, reason)])
def _cases(today):
    return [
        (
            YIQUAN,
            "污水站1层通往2层的楼梯口已设置隔离门并上锁，但门的高度不能有效起到隔离、防护作用，"
            "不能防止人员未经审批跨越进入有限空间，且该门未张贴安全警示标志",
            "污水站1层通往2层楼梯口",
            "YQ-YX-01",
            HazardCategory.CONFINED_SPACE,
            HazardSource.EVALUATION,
            "yjj_wang",
            SPOT_CHECK_DAY,
            [],
            SPOT_CHECK_DAY + datetime.timedelta(days=25),
            ("将隔离门加高至1.8米以上并加装闭门器和锁具，在门上张贴有限空间安全警示标志", "陈志明"),
            [("start", "yjj_wang", "")],
            SPOT_CHECK_BASIS + "第十九条",
        ),
        (
            YIQUAN,
            "二层污水站有限空间作业安全防护设备设施及应急救援设备设施配置数量及配置点"
            "不符合实际作业及应急要求",
            "二层污水站",
            "YQ-YX-01",
            HazardCategory.CONFINED_SPACE,
            HazardSource.EVALUATION,
            "yjj_wang",
            SPOT_CHECK_DAY,
            [],
            SPOT_CHECK_DAY + datetime.timedelta(days=40),
            (
                "按作业人数和作业点补足正压式空气呼吸器、安全带、救援三脚架和气体检测仪，"
                "在污水站入口设应急柜",
                "陈志明",
            ),
            [("start", "yjj_wang", "")],
            SPOT_CHECK_BASIS + "第十八条、第十九条",
        ),
        (
            HENGYIDA,
            "污泥池清淤作业未经审批、未检测即进入，现场无监护人员",
            "污水处理站西侧",
            "HYD-YX-03",
            HazardCategory.CONFINED_SPACE,
            HazardSource.INSPECTION,
            "wh_huang",
            today - datetime.timedelta(days=70),
            ["13-2"],
            today - datetime.timedelta(days=40),
            ("落实作业审批和“先通风、再检测、后作业”，设专职监护人，组织全员培训", "刘永臣"),
            [
                ("start", "hyd_luo", ""),
                ("submit", "hyd_luo", ""),
                ("verify", "dn_liang", "现场核查：审批单、检测记录、监护人齐全"),
                ("verify", "wh_huang", "街道复核通过"),
                ("close", "yjj_wang", "区应急管理局销号"),
            ],
            "工贸企业重大事故隐患判定标准 第十三条第（二）项",
        ),
        (
            HENGYIDA,
            "好氧池风险告知牌内容与台账不一致",
            "污水处理站东侧",
            "HYD-YX-01",
            HazardCategory.CONFINED_SPACE,
            HazardSource.SELF_CHECK,
            "hyd_luo",
            today - datetime.timedelta(days=12),
            [],
            today + datetime.timedelta(days=10),
            ("按最新风险评估重新制作风险告知牌", "刘永臣"),
            [("start", "hyd_luo", ""), ("submit", "hyd_luo", "")],
            "",
        ),
        (
            HENGYIDA,
            "集水井井口盖板破损，未上锁",
            "污水处理站入口",
            "HYD-YX-04",
            HazardCategory.CONFINED_SPACE,
            HazardSource.SELF_CHECK,
            "hyd_luo",
            today - datetime.timedelta(days=3),
            [],
            None,
            None,
            [],
            "",
        ),
        (
            HENGYIDA,
            "调节池通风机防护罩缺失",
            "污水处理站北侧",
            "HYD-YX-02",
            HazardCategory.EQUIPMENT,
            HazardSource.INSPECTION,
            "dn_liang",
            today - datetime.timedelta(days=45),
            [],
            today - datetime.timedelta(days=15),
            ("加装防护罩", "刘永臣"),
            [("start", "hyd_luo", "")],
            "",
        ),
        (
            HENGYIDA,
            "应急演练记录缺少评估总结",
            "安全办公室",
            None,
            HazardCategory.MANAGEMENT,
            HazardSource.INSPECTION,
            "dn_liang",
            today - datetime.timedelta(days=30),
            [],
            today + datetime.timedelta(days=5),
            ("补写演练评估总结并组织复盘", "刘永臣"),
            [
                ("start", "hyd_luo", ""),
                ("submit", "hyd_luo", ""),
                ("send_back", "dn_liang", "总结未写明存在问题和改进措施，请补充"),
            ],
            "",
        ),
        (
            HENGYIDA,
            "配电房门口堆放杂物",
            "配电房",
            None,
            HazardCategory.ELECTRICAL,
            HazardSource.INSPECTION,
            "dn_liang",
            today - datetime.timedelta(days=90),
            [],
            today - datetime.timedelta(days=60),
            ("清理杂物，划定禁放区", "刘永臣"),
            [
                ("start", "hyd_luo", ""),
                ("submit", "hyd_luo", ""),
                ("verify", "dn_liang", ""),
                ("close", "wh_huang", ""),
                ("reopen", "wh_huang", "回头看：配电房门口再次堆放纸箱"),
            ],
            "",
        ),
    ]


def load_hazards(w) -> None:
    today = timezone.localdate()
    users = w.users
    for (
        enterprise_name,
        description,
        place,
        space_code,
        category,
        source,
        reporter,
        found_on,
        criteria,
        deadline,
        plan,
        moves,
        legal_basis,
    ) in _cases(today):
        enterprise = Enterprise._base_manager.filter(name=enterprise_name).first()
        actor = users.get(reporter)
        if enterprise is None or actor is None:
            continue
        if Hazard._base_manager.filter(enterprise=enterprise, description=description).exists():
            continue
        space = _space(enterprise, space_code) if space_code else None
        hazard = services.report_hazard(
            enterprise,
            actor=actor,
            description=description,
            source=source,
            found_on=found_on,
            category=category,
            space=space,
            place=place,
            legal_basis=legal_basis,
            criteria=criteria,
            photos=[_photo("evidence.png")],
            measures=plan[0] if plan else "",
            responsible_name=plan[1] if plan else "",
            deadline=deadline,
        )
        for name, username, reason in moves:
            mover = users.get(username)
            if name == "submit":
                services.submit_fix(
                    hazard,
                    actor=mover,
                    note="已按整改措施完成整改，附整改后照片",
                    photos=[_photo("fixed.png", (40, 160, 80))],
                )
            else:
                services.transition(hazard, name, actor=mover, reason=reason)
            hazard.refresh_from_db()
    _public_reports(w)
    landlord_check = users.get("wh_huang")
    if landlord_check is not None:
        services.flag_missing_agreements(
            Enterprise._base_manager.filter(park__name="东南工业二区"), actor=landlord_check
        )


def _public_reports(w) -> None:
    from anjian.regions.models import Region

    hengyida = Enterprise._base_manager.filter(name=HENGYIDA).first()
    village = Region._base_manager.filter(name="南庚村").first()
    rows = [
        (hengyida, None, "晚上看到有工人下到污水池里面，旁边没有人看着", "恒亦达厂区污水站"),
        (None, village, "村口小作坊门口堆放很多油桶，还有人抽烟", "南庚村村口"),
    ]
    for enterprise, region, description, place in rows:
        if PublicReport._base_manager.filter(description=description).exists():
            continue
        target = enterprise.region if enterprise else region
        if target is None:
            continue
        PublicReport.objects.create(
            region=services.rules.village_of(target),
            enterprise=enterprise,
            enterprise_name=enterprise.name if enterprise else "",
            place=place,
            description=description,
        )
