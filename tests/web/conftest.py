import pytest

from stationwatch.places.reference import load_reference
from stationwatch_web.atlas.services import reference_load


@pytest.fixture(scope="session")
def reference_data():
    return load_reference()


@pytest.fixture
def loaded(db, reference_data):
    return reference_load(data=reference_data)


@pytest.fixture
def analyst(client, django_user_model):
    """A superuser logged in to the test client (reviews, edits)."""
    user = django_user_model.objects.create_superuser("analyst", password="x" * 16)
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: its database is new even if versions repeat."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
