import pytest

from stationwatch.reference import load_reference
from stationwatch_web.atlas.services import reference_load


@pytest.fixture(scope="session")
def reference_data():
    return load_reference()


@pytest.fixture
def loaded(db, reference_data):
    return reference_load(data=reference_data)
