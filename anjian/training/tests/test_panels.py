"""The enterprise file shows its people, its certificates (expired and expiring highlighted) and
its drills, each through the reader's scope."""

import datetime

from django.urls import reverse

from anjian.training.testing import CertificateFactory, DrillFactory, person_in


def test_enterprise_file_panels(world, login):
    village = world.regions["village"]
    enterprise = world.enterprises["inside"]
    today = datetime.date.today()
    worker = person_in(world, village, name="面板工人")
    expired = CertificateFactory(person=worker, issued_on=today - datetime.timedelta(days=400))
    expiring = CertificateFactory(person=worker, issued_on=today - datetime.timedelta(days=350))
    DrillFactory(enterprise=enterprise, scenario="面板演练")
    client = login(world.users["enterprise_manager"])
    response = client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "面板工人" in text and worker.masked_id_number in text
    assert worker.id_number not in text
    assert "面板演练" in text
    assert 'data-state="expired"' in text and expired.number in text
    assert 'data-state="expiring"' in text and expiring.number in text
