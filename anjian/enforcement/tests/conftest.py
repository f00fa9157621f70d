import pytest
from django.utils import translation


@pytest.fixture
def english(settings):
    """Messages in English (the source text), whatever the translations say."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def regulator(world):
    return world.users["regulator"]
