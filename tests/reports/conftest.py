import pytest


@pytest.fixture
def report_urls(settings):
    """Serve the report pages (tests/reports/urls.py) whether or not the project includes them."""
    settings.ROOT_URLCONF = "tests.reports.urls"
