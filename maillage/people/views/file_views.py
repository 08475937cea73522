"""A person's file: display (audited), creation with duplicate check, update."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, log
from maillage.core.permissions import capability_required
from maillage.people import services, timeline
from maillage.people.education import EQUIVALENCES
from maillage.people.forms import PersonCreateForm, PersonForm
from maillage.people.models import Followup, Person


def _age(birth_date, today) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


@capability_required(Capability.VIEW_PEOPLE)
def detail(request, pk):
    """The file, with every module's activity; each display is written to the audit log."""
    people = Person.objects.select_related("qpv").prefetch_related(
        Prefetch(
            "followups",
            queryset=Followup.objects.select_related("structure").order_by("started_on", "id"),
        )
    )
    person = get_visible_or_404(people, request.user, pk=pk)
    log(Action.VIEW, person)
    user = request.user
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "age": _age(person.birth_date, timezone.localdate()),
            "equivalence": EQUIVALENCES.get(person.education_level),
            "timeline": timeline.items_for(person, user),
            "can_edit": user.has_capability(Capability.EDIT_PEOPLE),
            "can_merge": user.has_capability(Capability.MERGE_PEOPLE),
            "can_audit": user.has_capability(Capability.VIEW_AUDIT),
            "can_process_rights": user.has_capability(Capability.PROCESS_RIGHTS_REQUESTS),
        },
    )


def _duplicates_context(request, form) -> dict:
    """Candidates split into those the user may open and those only named by what was typed."""
    data = form.cleaned_data
    candidates = services.find_duplicates(
        data["last_name"], data["first_names"], data["birth_date"], data["birth_name"]
    )
    if not candidates:
        return {}
    visible_ids = set(
        Person.objects.visible_to(request.user)
        .filter(pk__in=[c.pk for c in candidates])
        .values_list("pk", flat=True)
    )
    return {
        "candidates": candidates,
        "visible_duplicates": [c for c in candidates if c.pk in visible_ids],
        "hidden_duplicates": [c for c in candidates if c.pk not in visible_ids],
        "can_attach": bool(services.following_structures(request.user)),
    }


def _attach(request, form, duplicates):
    """Follow an existing person found as a duplicate of what the user typed, and open it.

    Only a candidate of the duplicate check can be attached: knowing an id is not enough,
    the user must have typed that person's name and birth date.
    """
    wanted = request.POST.get("attach", "")
    person = next((c for c in duplicates.get("candidates", []) if str(c.pk) == wanted), None)
    if person is None:
        messages.error(request, "Cette fiche ne correspond pas à la personne saisie.")
        return None
    services.attach_to_structure(person, form.chosen_structure(), acting_user=request.user)
    messages.success(request, f"{person} est désormais suivie par votre structure.")
    return redirect("people:detail", pk=person.pk)


@capability_required(Capability.EDIT_PEOPLE)
def create(request):
    form = PersonCreateForm(request.POST or None, user=request.user)
    duplicates = {}
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_context(request, form)
        if "attach" in request.POST:
            if response := _attach(request, form, duplicates):
                return response
        elif not duplicates or form.cleaned_data["homonym"]:
            person = services.create_person(
                form.person_data(), acting_user=request.user, structure=form.chosen_structure()
            )
            messages.success(request, f"La fiche de {person} a été créée.")
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "title": "Nouvelle personne", "person": None, **duplicates},
    )


@capability_required(Capability.EDIT_PEOPLE)
def edit(request, pk):
    person = get_visible_or_404(Person.objects.select_related("qpv"), request.user, pk=pk)
    title = f"Modifier la fiche de {person}"  # before the form writes typed values on it
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST":
        if form.is_valid():
            changes = services.update_person(person, form.person_data(), acting_user=request.user)
            if changes:
                messages.success(request, "La fiche a été mise à jour.")
            else:
                messages.info(request, "Aucune modification : la fiche est inchangée.")
            return redirect("people:detail", pk=person.pk)
    else:
        log(Action.VIEW, person)
    return render(request, "people/form.html", {"form": form, "title": title, "person": person})
