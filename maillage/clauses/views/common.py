"""What the clause pages share: the years offered, the person picker, named rows in scope."""

from django.shortcuts import render
from django.utils import timezone

from maillage.clauses.forms import PersonSearchForm
from maillage.clauses.models import ClauseHours
from maillage.people.models import Person

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def years() -> list[int]:
    """Years with hours, and the current one, most recent first."""
    found = {d.year for d in ClauseHours.objects.dates("month", "year")}
    return sorted({timezone.localdate().year, *found}, reverse=True)


def chosen_year(form, available: list[int]) -> int:
    if form.is_valid():
        return form.cleaned_data["annee"]
    with_hours = [y for y in available if ClauseHours.objects.filter(month__year=y).exists()]
    return with_hours[0] if with_hours else available[0]


def choose_person(request, *, title: str, intro: str):
    """The first step of a form about a person: search among the people in scope."""
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            Person.objects.visible_to(request.user)
            .search(search.cleaned_data["q"])
            .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
        )
    template = "clauses/_person_results.html" if request.htmx else "clauses/choose_person.html"
    context = {
        "search": search,
        "found": found,
        "limit": SEARCH_LIMIT,
        "action": request.path,
        "title": title,
        "intro": intro,
        "keep": {k: v for k, v in request.GET.items() if k not in ("q", "personne")},
    }
    return render(request, template, context)
