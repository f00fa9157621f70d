"""The cast every part of the permits demo shares: the seed's enterprises, the accounts that act,
and what one load carries from step to step (``Demo``)."""

from __future__ import annotations

import datetime

from django.utils import timezone

HENGYIDA = "江门市恒亦达电子有限公司"
YIQUAN = "一诠科技（中国）有限公司"
RUIKE = "江门市锐科五金制品有限公司"
XINCAI = "江门市新彩塑胶制品有限公司"
CONTRACTOR = "江门市清源环保工程有限公司"

OFFICER = "wh_huang"  # 外海街道应急办
HYD_MANAGER = "hyd_luo"  # 恒亦达's safety manager
ADMIN = "admin"  # acts for the enterprises that have no account in the demo

# A minimal one-page PDF: the signed delegation and the contractor's agreement (scans in life).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _minute(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(second=0, microsecond=0)


def _enterprise(name):
    from anjian.enterprises.models import Enterprise

    return Enterprise._base_manager.filter(name=name).first()


class Demo:
    """What one load shares: the world, the moment it started, the people and records by key."""

    def __init__(self, w):
        self.w = w
        self.now = _minute(timezone.now())
        self.people = {}
        self.enterprises = {name: _enterprise(name) for name in (HENGYIDA, YIQUAN, RUIKE, XINCAI)}

    def user(self, username):
        return self.w.users.get(username) or self.w.users.get(ADMIN)

    def space(self, enterprise_name, code):
        from anjian.spaces.models import ConfinedSpace

        return ConfinedSpace._base_manager.filter(
            enterprise=self.enterprises[enterprise_name], code=code
        ).first()

    def equipment(self, enterprise_name, name):
        from anjian.spaces.models import SafetyEquipment

        return (
            SafetyEquipment._base_manager.filter(
                enterprise=self.enterprises[enterprise_name], name=name
            )
            .order_by("id")
            .first()
        )
