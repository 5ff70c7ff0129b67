import pytest

from dekvep.symbiosis.engine import Listing, default_knowledge, read_listing


@pytest.fixture
def knowledge():
    return default_knowledge()


@pytest.fixture
def listing(knowledge):
    def make(
        kind="offer",
        title="",
        description="",
        org="Firma A",
        code=None,
        tonnes=100.0,
        at=(41.0, 29.0),
        **extra,
    ):
        item = Listing(
            id=extra.pop("id", f"{kind}-{title}"),
            kind=kind,
            organisation=org,
            title=title,
            description=description,
            waste_code=code,
            tonnes_per_year=tonnes,
            latitude=at[0] if at else None,
            longitude=at[1] if at else None,
            **extra,
        )
        return read_listing(item, knowledge)

    return make
