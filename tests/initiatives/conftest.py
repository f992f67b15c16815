import pytest

from initiatives.models import Initiative


@pytest.fixture
def vaxjo_initiative(db):
    """A Växjö initiative by name."""

    def get(name: str) -> Initiative:
        return Initiative.objects.get(association__slug="vaxjo", name=name)

    return get
