import pytest

from maillage.companies import home_sources


@pytest.fixture(autouse=True)
def no_other_home_sources(monkeypatch):
    """ "Mes actions" tests see only the sources they register: other modules' items
    (IOD follow-ups…) are theirs to test, and their query counts are not these tests'."""
    monkeypatch.setattr(home_sources, "_sources", {})
