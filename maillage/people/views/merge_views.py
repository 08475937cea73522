"""Merging two files of the same person (administrators): choose, compare, confirm."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, log
from maillage.core.permissions import capability_required
from maillage.people import services
from maillage.people.forms import MergeForm
from maillage.people.models import Person
from maillage.people.search import visible_matches

SEARCH_LIMIT = 25
COMPARED_FIELDS = ("external_id", *services.MERGE_FILLABLE_FIELDS)


def _display(person: Person, name: str) -> str:
    field = Person._meta.get_field(name)
    value = getattr(person, name)
    if value in (None, ""):
        return ""
    if field.choices:
        return getattr(person, f"get_{name}_display")()
    if name == "birth_date":
        return date_format(value, "d/m/Y")
    return str(value)


def comparison(keep: Person, remove: Person) -> list[dict]:
    """One row per field: both values, and whether the merge fills the kept file from the other."""
    rows = []
    for name in COMPARED_FIELDS:
        kept, other = _display(keep, name), _display(remove, name)
        rows.append(
            {
                "label": str(Person._meta.get_field(name).verbose_name).capitalize(),
                "keep": kept,
                "remove": other,
                "filled": name != "external_id" and not kept and bool(other),
            }
        )
    return rows


@capability_required(Capability.MERGE_PEOPLE)
def merge(request):
    people = Person.objects.visible_to(request.user).select_related("qpv")
    if request.method == "POST":
        form = MergeForm(request.POST, people_queryset=people)
        if form.is_valid():
            keep, remove = form.cleaned_data["keep_person"], form.cleaned_data["remove_person"]
            removed = f"{remove} (n° {remove.pk})"
            try:
                keep = services.merge_people(keep, remove, acting_user=request.user)
            except services.PeopleError as exc:
                messages.error(request, str(exc))
                query = urlencode({"keep": keep.pk, "remove": remove.pk})
                return redirect(f"{reverse('people:merge')}?{query}")
            messages.success(request, f"La fiche {removed} a été fusionnée dans celle-ci.")
            return redirect("people:detail", pk=keep.pk)
    else:
        # Checked when asked ("Comparer", or a link naming both files); a search keeps the
        # numbers already typed without reporting the missing one as an error.
        chosen = "compare" in request.GET or (request.GET.get("keep") and request.GET.get("remove"))
        form = MergeForm(
            request.GET if chosen else None,
            initial={k: request.GET.get(k) for k in ("keep", "remove")},
            people_queryset=people,
        )

    context = {"form": form, "query": request.GET.get("q", "").strip()}
    matches = visible_matches(request.user, context["query"])
    context["results"] = None if matches is None else list(matches[:SEARCH_LIMIT])
    if form.is_bound and form.is_valid():
        keep, remove = form.cleaned_data["keep_person"], form.cleaned_data["remove_person"]
        log(Action.VIEW, keep)
        log(Action.VIEW, remove)
        context.update(
            keep=keep,
            remove=remove,
            rows=comparison(keep, remove),
            keep_linked=services.linked_records(keep),
            remove_linked=services.linked_records(remove),
        )
    return render(request, "people/merge.html", context)
