"""Every page requires login except the ones explicitly marked public."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

#: The login page and the public agenda (events: by antenna, online registration, .ics, survey).
PUBLIC = {
    "/connexion/",
    "/agenda/",
    "/agenda/1/",
    "/agenda/agenda.ics",
    "/agenda/antennes/1/agenda.ics",
    "/agenda/questionnaire/1/",
}


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _example_url(pattern: str) -> str:
    """Turn a route into a concrete URL: every converter becomes 1."""
    import re

    url = re.sub(r"<(?:\w+:)?\w+>", "1", pattern)
    return "/" + url.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_every_page_redirects_anonymous_users_to_login(client):
    urls = {
        _example_url(p)
        for p in _patterns(get_resolver())
        if not p.startswith("administration/technique/")  # Django admin has its own login
        and "(?P" not in p
    }
    assert len(urls) > 5
    for url in sorted(urls - PUBLIC):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/"), url


@pytest.mark.django_db
def test_login_page_is_public(client):
    assert client.get("/connexion/").status_code == 200
