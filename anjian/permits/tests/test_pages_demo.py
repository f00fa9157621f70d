"""Every permits page over the demo world, as every demo persona: permits in every state (a late
filing, one suspended after a failing H2S reading, one refused at the gate, one in progress) open
without a server error, and pages outside a persona's reach answer 403/404, never 500."""

import pytest
from django.urls import reverse

from anjian.permits.models import Delegation, GasTest, Permit

pytestmark = pytest.mark.django_db

PERMIT_PAGES = [
    "permits:permit_detail",
    "permits:permit_readiness",
    "permits:permit_site",
    "permits:permit_acknowledge",
    "permits:permit_approve",
    "permits:permit_complete",
    "permits:permit_accept",
    "permits:gastest_add",
    "permits:permit_person_add",
    "permits:permit_attachment_add",
    "permits:permit_edit",
]
LISTS = [
    "permits:permit_list",
    "permits:permit_inbox",
    "permits:permit_inbox_count",
    "permits:delegation_list",
    "permits:gasthreshold_list",
    "permits:attachmentkind_list",
    "permits:permit_add",
    "core:home",
]


def test_every_page_for_every_persona_over_the_demo_world(client):
    from anjian.demo import world

    demo = world.load()
    every = list(Permit.objects.order_by("pk"))
    assert {p.status for p in every} >= {"draft", "filed", "in_progress", "suspended"}
    # One permit of each state and each flag (late, refused at the gate) is enough.
    permits = list({(p.status, p.filed_late): p for p in every}.values())
    tests = list(GasTest.objects.all()[:3])
    delegations = list(Delegation.objects.all()[:2])
    failures = []
    for username, user in demo.users.items():
        client.force_login(user)
        urls = [reverse(name) for name in LISTS]
        urls += [reverse(n, args=[p.pk]) for p in permits for n in PERMIT_PAGES]
        urls += [
            reverse("permits:permit_transition", args=[p.pk, t.name])
            for p in permits
            for t in Permit.workflow.available(p, user)
        ]
        urls += [reverse("permits:gastest_detail", args=[t.pk]) for t in tests]
        urls += [reverse("permits:delegation_detail", args=[d.pk]) for d in delegations]
        for url in urls:
            status = client.get(url).status_code
            if status >= 500 or status not in (200, 302, 403, 404):
                failures.append((username, url, status))
    assert not failures, failures[:20]
