"""Seed the major-hazard criteria (regulations.md: 工贸企业重大事故隐患判定标准, in force
2023-05-15) and the verification tiers (general: village, then sub-district; major: and the district
bureau). Administrators edit both afterwards; rows already there are left as they are."""

from django.db import migrations

CRITERIA = [
    # code, group, text, legal basis
    (
        "3-1",
        "management",
        "未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查",
        "工贸企业重大事故隐患判定标准 第三条第（一）项",
    ),
    (
        "3-2",
        "management",
        "特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业",
        "工贸企业重大事故隐患判定标准 第三条第（二）项",
    ),
    (
        "3-3",
        "management",
        "金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格",
        "工贸企业重大事故隐患判定标准 第三条第（三）项",
    ),
    (
        "13-1",
        "confined_space",
        "存在硫化氢、一氧化碳等中毒风险的有限空间作业，未对有限空间进行辨识、建立安全管理台账，"
        "并且未设置明显的安全警示标志",
        "工贸企业重大事故隐患判定标准 第十三条第（一）项",
    ),
    (
        "13-2",
        "confined_space",
        "存在硫化氢、一氧化碳等中毒风险的有限空间作业，未落实有限空间作业审批，"
        "或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员",
        "工贸企业重大事故隐患判定标准 第十三条第（二）项",
    ),
    (
        "14",
        "devices",
        "将监测报警、安全防护、紧急切断等装置设施擅自停用、拆除或者关闭",
        "工贸企业重大事故隐患判定标准 第十四条",
    ),
]

TIERS = [
    # level, order, signer level, label
    ("general", 1, "village", "村（居）核查"),
    ("general", 2, "subdistrict", "街道验收"),
    ("major", 1, "village", "村（居）核查"),
    ("major", 2, "subdistrict", "街道验收"),
    ("major", 3, "district", "区应急管理局销号"),
]


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("MajorHazardCriterion", "VerificationTier")


def seed(apps, schema_editor):
    Criterion = apps.get_model("hazards", "MajorHazardCriterion")
    Tier = apps.get_model("hazards", "VerificationTier")
    for order, (code, group, text, basis) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            code=code,
            defaults={"group": group, "text": text, "legal_basis": basis, "order": order * 10},
        )
    for level, order, signer, label in TIERS:
        Tier.objects.get_or_create(
            level=level, order=order, defaults={"signer_level": signer, "label": label}
        )


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
