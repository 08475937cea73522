"""Finding a person as one types: the full page, or only its results for htmx."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.people.search import visible_matches

PAGE_SIZE = 25


def search_context(request) -> dict:
    """The query and its page of results, limited to the people the user may see.

    Two queries whatever the number of rows: the count and the page (QPV joined).
    """
    query = request.GET.get("q", "").strip()
    people = visible_matches(request.user, query)
    page = (
        None if people is None else Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    )
    return {"query": query, "page": page}


@capability_required(Capability.VIEW_PEOPLE)
def search(request):
    context = search_context(request)
    # htmx swaps only the results; a history restore (back button) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "people/_search_results.html" if partial else "people/search.html"
    if not partial:
        context["can_edit"] = request.user.has_capability(Capability.EDIT_PEOPLE)
        context["can_merge"] = request.user.has_capability(Capability.MERGE_PEOPLE)
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
