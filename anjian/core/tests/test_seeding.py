"""A flush empties what the data migrations seeded; post_migrate puts it back (core.seeding)."""

import pytest
from django.core.management import call_command

from anjian.enforcement.models import CalendarDay
from anjian.hazards.models import MajorHazardCriterion, VerificationTier
from anjian.inspections.models import LegalBasis
from anjian.permits.models import AttachmentKind, GasThreshold


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_reference_tables_seeded_again():
    tables = (
        MajorHazardCriterion,
        VerificationTier,
        GasThreshold,
        AttachmentKind,
        LegalBasis,
        CalendarDay,
    )
    assert all(table.objects.exists() for table in tables)
    call_command("flush", interactive=False, verbosity=0)
    assert [t.__name__ for t in tables if not t.objects.exists()] == []
    # every migration filling an emptied table ran, the later Art. 96 one included
    assert LegalBasis.objects.filter(law="安全生产法", article="96").exists()
    assert GasThreshold.objects.filter(code="H2S").exists()


@pytest.mark.django_db
def test_a_table_an_administrator_edited_is_left_alone():
    from django.apps import apps

    from anjian.core.seeding import reseed_empty_tables

    MajorHazardCriterion.objects.exclude(code="13-2").delete()
    reseed_empty_tables(sender=None, app_config=apps.get_app_config("hazards"))
    assert list(MajorHazardCriterion.objects.values_list("code", flat=True)) == ["13-2"]
