import pytest

from stationwatch.places.reference import load_reference
from stationwatch_web.atlas.services import reference_load


@pytest.fixture(scope="session")
def reference_data():
    return load_reference()


@pytest.fixture
def loaded(db, reference_data):
    return reference_load(data=reference_data)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: its database is new even if versions repeat."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
