"""The reception desk's screen, its person search, corrections, and the figures page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.antennas import rules, services, statistics
from maillage.antennas.forms import VisitDetailsForm, VisitForm, YearForm
from maillage.antennas.models import Reason, Visit, VisitReason
from maillage.audit.services import Action, log
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.people import services as people_services
from maillage.people.models import Followup, Person
from maillage.people.search import visible_matches

SEARCH_LIMIT = 10
TODAY_LIMIT = 30
#: Service errors named after the model, shown on the form's fields.
FIELD_OF_ERROR = {"sex": "anonymous_sex", "age_band": "anonymous_age_band"}


def _home_url(antenna) -> str:
    return f"{reverse('antennas:home')}?antenne={antenna.pk}"


def _matches(user, query: str) -> list[Person] | None:
    people = visible_matches(user, query)
    return None if people is None else list(people[:SEARCH_LIMIT])


@capability_required(Capability.RECORD_RECEPTION)
def person_search(request):
    """The people found as the desk types (htmx fragment): radio buttons of the main form."""
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "antennas/_person_results.html",
        {
            "query": query,
            "found": _matches(request.user, query),
            "limit": SEARCH_LIMIT,
            "selected_pk": None,
        },
    )


def _chosen_antenna(request, antennas):
    wanted = request.POST.get("antenna") or request.GET.get("antenne")
    return next((a for a in antennas if str(a.pk) == wanted), antennas[0])


def _today_visits(user, antenna) -> list[Visit]:
    """The visits of the day at the antenna, most recent first; two queries."""
    today = timezone.localdate()
    visits = (
        Visit.objects.visible_to(user)
        .filter(antenna=antenna, at__date=today)
        .select_related("person")
        .prefetch_related(Prefetch("reasons", queryset=VisitReason.objects.order_by("reason")))
    )[:TODAY_LIMIT]
    now = timezone.now()
    visits = list(visits)
    for visit in visits:
        visit.amendable = rules.can_amend(visit, user, now)
    return visits


def _record(request, form: VisitForm) -> Visit | None:
    """Record the visit of the form; None (errors added to the form) when refused."""
    arguments = form.service_arguments()
    chosen = request.POST.get("existing")
    if chosen and "new_person" in arguments:
        # The desk recognised the visitor among the possible duplicates of what was typed.
        typed = arguments.pop("new_person")
        arguments.pop("homonym")
        candidates = people_services.find_duplicates(
            typed["last_name"], typed["first_names"], typed["birth_date"]
        )
        person = next((c for c in candidates if str(c.pk) == chosen), None)
        if person is None:
            form.add_error(None, "Cette fiche ne correspond pas à la personne saisie.")
            return None
        if not Person.objects.visible_to(request.user).filter(pk=person.pk).exists():
            people_services.attach_to_structure(
                person,
                arguments["antenna"],
                acting_user=request.user,
                service=Followup.Service.RECEPTION,
            )
        arguments["person"] = person
    try:
        return services.record_visit(**arguments, acting_user=request.user)
    except services.PossibleDuplicate as exc:
        form.duplicates = _split_duplicates(request.user, exc.candidates)
        form.add_error(None, exc.message)
    except ValidationError as exc:
        add_service_errors(form, exc, FIELD_OF_ERROR)
    return None


def _split_duplicates(user, candidates) -> dict:
    visible = set(
        Person.objects.visible_to(user)
        .filter(pk__in=[c.pk for c in candidates])
        .values_list("pk", flat=True)
    )
    return {
        "visible": [c for c in candidates if c.pk in visible],
        "hidden": [c for c in candidates if c.pk not in visible],
    }


def _success_message(visit: Visit, reasons: list[str]) -> str:
    who = str(visit.person) if visit.person_id else "visiteur anonyme"
    labels = ", ".join(str(Reason(r).label) for r in Reason.values if r in reasons)
    time = timezone.localtime(visit.at).strftime("%H:%M")
    return f"Visite enregistrée à {time} : {who} ({labels}). Prêt pour le visiteur suivant."


@capability_required(Capability.RECORD_RECEPTION)
def home(request):
    """The quick entry: one form, then the same screen, empty, for the next visitor."""
    antennas = rules.antennas_for(request.user).order_by("name")
    if not antennas:
        return render(request, "antennas/no_antenna.html")
    antenna = _chosen_antenna(request, antennas)
    data = request.POST if request.method == "POST" else None
    form = VisitForm(data, user=request.user, antennas=antennas, initial={"antenna": antenna.pk})
    if request.method == "POST" and form.is_valid():
        visit = _record(request, form)
        if visit is not None:
            messages.success(request, _success_message(visit, form.cleaned_data["reasons"]))
            return redirect(_home_url(visit.antenna))
    query = request.GET.get("q", "").strip() or request.POST.get("q", "").strip()
    selected = form.person_obj
    return render(
        request,
        "antennas/home.html",
        {
            "form": form,
            "antenna": antenna,
            "antennas": antennas,
            "query": query,
            "found": [selected] if selected else _matches(request.user, query),
            "selected_pk": selected.pk if selected else None,
            "limit": SEARCH_LIMIT,
            "visits": _today_visits(request.user, antenna),
            "window": int(rules.AMEND_WINDOW.total_seconds() // 60),
        },
        status=400 if request.method == "POST" else 200,
    )


def _amendable_visit(request, pk) -> Visit | None:
    visit = get_visible_or_404(
        Visit.objects.select_related("person", "antenna"), request.user, pk=pk
    )
    if not rules.can_amend(visit, request.user, timezone.now()):
        messages.error(
            request,
            "Cette visite ne peut plus être corrigée ni annulée "
            "(seulement par la personne qui l'a saisie, dans les "
            f"{int(rules.AMEND_WINDOW.total_seconds() // 60)} minutes).",
        )
        return None
    return visit


@capability_required(Capability.RECORD_RECEPTION)
def correct(request, pk):
    visit = _amendable_visit(request, pk)
    if visit is None:
        return redirect("antennas:home")
    initial = {
        "at": timezone.localtime(visit.at),
        "orientation": visit.orientation,
        "reasons": list(visit.reasons.values_list("reason", flat=True)),
    }
    form = VisitDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.correct_visit(visit, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc, FIELD_OF_ERROR)
        else:
            if changes:
                messages.success(request, "La visite a été corrigée.")
            else:
                messages.info(request, "Aucune modification : la visite est inchangée.")
            return redirect(_home_url(visit.antenna))
    elif visit.person_id:
        log(Action.VIEW, visit, person_id=visit.person_id)
    return render(request, "antennas/correct.html", {"form": form, "visit": visit})


@require_POST
@capability_required(Capability.RECORD_RECEPTION)
def cancel(request, pk):
    visit = _amendable_visit(request, pk)
    if visit is None:
        return redirect("antennas:home")
    try:
        services.cancel_visit(visit, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message = "La visite a été annulée."
        if visit.person_id:
            message += " La fiche de la personne est conservée."
        messages.success(request, message)
    return redirect(_home_url(visit.antenna))


def _years() -> list[int]:
    found = Visit.objects.dates("at", "year")
    return sorted({timezone.localdate().year, *(d.year for d in found)}, reverse=True)


@capability_required(Capability.VIEW_AGGREGATES, Capability.RECORD_RECEPTION)
def statistics_page(request):
    """Anonymous figures: every antenna (view_aggregates) or the desk's own antennas."""
    years = _years()
    year_form = YearForm(request.GET or None, years=years)
    year = year_form.cleaned_data["annee"] if year_form.is_valid() else years[0]
    if not year_form.is_bound:
        year_form = YearForm(initial={"annee": year}, years=years)
    if request.user.has_capability(Capability.VIEW_AGGREGATES):
        antennas, scope = None, "platform"
    elif request.user.has_capability(Capability.RECORD_RECEPTION):
        antennas, scope = rules.antennas_for(request.user), "own"
    else:  # pragma: no cover - the decorator already refused
        raise PermissionDenied
    block = statistics.antennas_block(year, antennas)
    return render(
        request,
        "antennas/statistics.html",
        {
            "year": year,
            "year_form": year_form,
            "figures": block,
            "scope": scope,
            **statistics.display(block),
        },
    )
