import pytest
from django.utils import translation


@pytest.fixture
def english(settings):
    """Messages in English (the source text), whatever the translations say."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def people(world):
    """The signers of the tiers and the enterprise's manager, by their role in the loop."""
    users = world.users
    return {
        "enterprise": users["enterprise_manager"],
        "village": users["grid_worker"],
        "subdistrict": users["subdistrict_officer"],
        "district": users["regulator"],
        "inspector": users["service_inspector"],
        "leader": users["leader"],
    }
