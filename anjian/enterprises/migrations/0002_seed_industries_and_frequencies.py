"""Seed the GB/T 4754-2017 divisions met in a manufacturing district, and the default inspection
frequencies of regulations.md (A 30, B 90, C 182, D 365 days). Administrators change both later."""

from django.db import migrations

INDUSTRIES = [
    ("C13", "农副食品加工业"),
    ("C14", "食品制造业"),
    ("C15", "酒、饮料和精制茶制造业"),
    ("C17", "纺织业"),
    ("C18", "纺织服装、服饰业"),
    ("C19", "皮革、毛皮、羽毛及其制品和制鞋业"),
    ("C20", "木材加工和木、竹、藤、棕、草制品业"),
    ("C21", "家具制造业"),
    ("C22", "造纸和纸制品业"),
    ("C23", "印刷和记录媒介复制业"),
    ("C24", "文教、工美、体育和娱乐用品制造业"),
    ("C26", "化学原料和化学制品制造业"),
    ("C27", "医药制造业"),
    ("C29", "橡胶和塑料制品业"),
    ("C30", "非金属矿物制品业"),
    ("C31", "黑色金属冶炼和压延加工业"),
    ("C32", "有色金属冶炼和压延加工业"),
    ("C33", "金属制品业"),
    ("C34", "通用设备制造业"),
    ("C35", "专用设备制造业"),
    ("C36", "汽车制造业"),
    ("C37", "铁路、船舶、航空航天和其他运输设备制造业"),
    ("C38", "电气机械和器材制造业"),
    ("C39", "计算机、通信和其他电子设备制造业"),
    ("C40", "仪器仪表制造业"),
    ("D44", "电力、热力生产和供应业"),
    ("D46", "水的生产和供应业"),
    ("E47", "房屋建筑业"),
    ("F51", "批发业"),
    ("G54", "道路运输业"),
    ("G59", "装卸搬运和仓储业"),
    ("H62", "餐饮业"),
    ("K70", "房地产业"),
    ("N77", "生态保护和环境治理业"),
    ("N78", "公共设施管理业"),
]

FREQUENCIES = {"A": 30, "B": 90, "C": 182, "D": 365}


def seed(apps, schema_editor):
    Industry = apps.get_model("enterprises", "Industry")
    GradeFrequency = apps.get_model("enterprises", "GradeFrequency")
    for code, name in INDUSTRIES:
        Industry.objects.get_or_create(code=code, defaults={"name": name})
    for grade, days in FREQUENCIES.items():
        GradeFrequency.objects.get_or_create(grade=grade, defaults={"interval_days": days})


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
