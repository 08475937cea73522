"""Helpers shared by the Mission Insertion Culture pages: years, choosing a person."""

from django.shortcuts import render
from django.utils import timezone

from maillage.accounts.scoping import get_visible_or_404
from maillage.insertion_culture.forms import PersonSearchForm, YearForm
from maillage.insertion_culture.models import CollectiveAction, EmployerAction
from maillage.people.models import Person

SEARCH_LIMIT = 20


def years() -> list[int]:
    """The years with an action or HR work, and the current one, most recent first."""
    found = {d.year for d in CollectiveAction.objects.dates("starts_on", "year")}
    found |= {d.year for d in CollectiveAction.objects.dates("ends_on", "year")}
    found |= {d.year for d in EmployerAction.objects.dates("date", "year")}
    return sorted({timezone.localdate().year, *found}, reverse=True)


def chosen_year(request) -> tuple[YearForm, int]:
    options = years()
    form = YearForm(request.GET or None, years=options)
    return form, form.cleaned_data["annee"] if form.is_valid() else options[0]


def chosen_person(request, context: dict):
    """The person picked with ``?personne=<id>`` (in scope, else 404), or the search page.

    Returns ``(person, None)`` or ``(None, response)``: the search form with its results
    (only people followed by the user's structures), as a fragment for htmx.
    """
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if person_id and str(person_id).isdigit():
        return get_visible_or_404(Person.objects.all(), request.user, pk=person_id), None
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            Person.objects.visible_to(request.user)
            .search(search.cleaned_data["q"])
            .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
        )
    template = (
        "insertion_culture/_person_results.html"
        if request.htmx
        else "insertion_culture/choose_person.html"
    )
    context = {
        **context,
        "search": search,
        "found": found,
        "limit": SEARCH_LIMIT,
        "action_url": request.path,
    }
    return None, render(request, template, context)
