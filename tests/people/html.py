"""HTML helpers for view tests: the page checks every page should pass, htmx swaps."""

import re

from django.test.html import Element, parse_html

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
_INLINE_STYLE = re.compile(r"<[^>]+\sstyle=|<style", re.IGNORECASE)
_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def page_text(response) -> str:
    """The page, checked for what the CSP forbids and for undefined template variables."""
    html = response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in html
    assert not _INLINE_SCRIPT.search(html), "inline <script>"
    assert not _INLINE_STYLE.search(html), "inline style"
    assert not _HANDLER.search(html), "inline on*= handler"
    return html


def find_by_id(element: Element, element_id: str) -> Element | None:
    for child in element.children:
        if isinstance(child, Element):
            if dict(child.attributes).get("id") == element_id:
                return child
            if found := find_by_id(child, element_id):
                return found
    return None


def assert_swap_matches(full_html: str, partial_html: str, element_id: str) -> None:
    """The partial, swapped into ``#element_id`` (innerHTML), gives the full page's content."""
    target = find_by_id(parse_html(full_html), element_id)
    assert target is not None, f"#{element_id} missing from the full page"
    attributes = " ".join(f'{k}="{v}"' for k, v in target.attributes)
    swapped = parse_html(f"<{target.name} {attributes}>{partial_html}</{target.name}>")
    assert swapped == target


def person_form_data(**overrides) -> dict:
    """A valid POST of the person form (Hélène Martin, 1984-03-07, 69009 Lyon)."""
    values = {
        "last_name": "Martin",
        "first_names": "Hélène",
        "birth_name": "",
        "sex": "F",
        "birth_date": "1984-03-07",
        "email": "",
        "phone": "",
        "address": "",
        "postcode": "69009",
        "city": "Lyon",
        "qpv": "",
        "education_level": "",
    }
    return values | overrides
