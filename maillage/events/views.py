"""Staff pages of events: list, event page, create/edit, registrations, companies, surveys.

Thin views: capability (403), scoped querysets (404 out of scope), services.
Registrants are named only when in the user's scope (each name shown is
audited, one insert), the others are counted. The check-in page and the
recurring series are in ``checkin_views`` and ``series_views``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.events import figures, services, surveys
from maillage.events.forms import (
    CompanyForm,
    EventFilterForm,
    EventForm,
    OutcomeForm,
    PersonSearchForm,
    SurveyForm,
)
from maillage.events.models import (
    Event,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    SurveyRole,
)
from maillage.people.models import Person

PAGE_SIZE = 50
SEARCH_LIMIT = 20
VIEW = Capability.VIEW_EVENTS
MANAGE = Capability.MANAGE_EVENTS
REGISTER = Capability.REGISTER_TO_EVENTS


@capability_required(VIEW)
def event_list(request):
    years = sorted(
        {timezone.localdate().year, *(d.year for d in Event.objects.dates("date", "year"))},
        reverse=True,
    )
    filters = EventFilterForm(request.GET or None, years=years)
    events = Event.objects.select_related("structure")
    if filters.is_valid():
        if filters.cleaned_data["annee"]:
            events = events.filter(date__year=filters.cleaned_data["annee"])
        if filters.cleaned_data["nature"]:
            events = events.filter(kind=filters.cleaned_data["nature"])
    events = figures.with_counts(events).order_by("-date", "start_time", "pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.no_show = figures.no_show_rate(event.listed, event.present)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "today": _today(),
            "can_manage": request.user.has_capability(MANAGE),
        },
    )


def _today():
    return timezone.localdate()


@capability_required(VIEW)
def event_detail(request, pk):
    event = get_object_or_404(Event.objects.select_related("structure", "parent", "series"), pk=pk)
    registrations = event.registrations.exclude(status=RegistrationStatus.CANCELLED)
    visible = list(
        registrations.visible_to(request.user)
        .select_related("person", "placement")
        .order_by("status", "registered_at", "pk")
    )
    log_many(
        [
            build_entry(Action.VIEW, r.person, changes={"event": event.pk})
            for r in visible
            if r.person
        ]
    )
    counts = figures.attendance(event)
    can_manage = request.user.has_capability(MANAGE)
    context = {
        "event": event,
        "companies": list(event.companies.select_related("company").prefetch_related("offers")),
        "parts": list(event.parts.order_by("date", "start_time")),
        "listed": [r for r in visible if r.status == RegistrationStatus.REGISTERED],
        "waiting": [r for r in visible if r.status == RegistrationStatus.WAITING],
        "hidden": registrations.count() - len(visible),
        "counts": counts,
        "survey": surveys.results(event),
        "can_manage": can_manage,
        "can_register": request.user.has_capability(REGISTER) or can_manage,
        "survey_links": _survey_links(request, event) if can_manage else {},
        "past": event.date < _today(),
    }
    return render(request, "events/event_detail.html", context)


def _survey_links(request, event) -> dict:
    return {
        role_label: request.build_absolute_uri(
            reverse("agenda:survey", args=[surveys.make_token(event, role)])
        )
        for role, role_label in SurveyRole.choices
    }


@capability_required(MANAGE)
def event_form(request, pk=None):
    event = get_object_or_404(Event, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            # The form's instance already holds the new values: give the service a fresh one.
            saved = services.save_event(
                event=Event.objects.get(pk=pk) if pk else None,
                acting_user=request.user,
                **fields,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Événement enregistré.")
            return redirect("events:detail", saved.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@capability_required(MANAGE)
def add_company(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_company(event=event, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Entreprise ajoutée.")
            return redirect("events:detail", event.pk)
    return render(request, "events/company_form.html", {"form": form, "event": event})


def _person_search(request, template, context):
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            Person.objects.visible_to(request.user)
            .search(search.cleaned_data["q"])
            .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
        )
    context = {**context, "search": search, "found": found, "limit": SEARCH_LIMIT}
    if request.htmx:
        return render(request, "events/_person_results.html", context)
    return render(request, template, context)


def _chosen_person(request) -> Person:
    person_id = request.POST.get("personne", "")
    if not person_id.isdigit():
        raise Http404
    return get_visible_or_404(Person.objects.all(), request.user, pk=person_id)


@capability_required(REGISTER, MANAGE)
def register(request, pk):
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        person = _chosen_person(request)
        source = (
            RegistrationSource.STAFF
            if request.user.has_capability(MANAGE)
            else RegistrationSource.REFERENT
        )
        try:
            registration = services.register_person(
                event=event, person=person, acting_user=request.user, source=source
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.warning(request, f"Complet : {person} est en liste d'attente.")
            else:
                messages.success(request, f"{person} est inscrit(e).")
        return redirect("events:detail", event.pk)
    return _person_search(
        request,
        "events/choose_person.html",
        {"event": event, "action": request.path, "button": "Inscrire"},
    )


@require_POST
@capability_required(REGISTER, MANAGE)
def unregister(request, pk):
    registration = get_visible_or_404(Registration.objects.all(), request.user, pk=pk)
    try:
        promoted = services.cancel_registration(registration=registration, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Inscription annulée.")
        if promoted is not None:
            messages.info(request, "La place libérée est allée au premier de la liste d'attente.")
    return redirect("events:detail", registration.event_id)


@capability_required(MANAGE)
def link_person(request, pk):
    registration = get_visible_or_404(
        Registration.objects.select_related("event"), request.user, pk=pk
    )
    if request.method == "POST":
        person = _chosen_person(request)
        try:
            services.link_person(registration=registration, person=person, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Inscription rattachée au dossier de {person}.")
        return redirect("events:detail", registration.event_id)
    return _person_search(
        request,
        "events/choose_person.html",
        {
            "event": registration.event,
            "registration": registration,
            "action": request.path,
            "button": "Rattacher",
        },
    )


@capability_required(MANAGE)
def outcome(request, pk):
    registration = get_visible_or_404(
        Registration.objects.select_related("event", "person"), request.user, pk=pk
    )
    event = registration.event
    initial = {"interviews": registration.interviews, "hired": registration.hired}
    form = OutcomeForm(request.POST or None, initial=initial, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(
                registration=registration, acting_user=request.user, **form.cleaned_data
            )
        except PermissionDenied:
            form.add_error(
                None, "Enregistrer une embauche demande aussi le droit de gérer le recrutement."
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Résultat enregistré.")
            return redirect("events:detail", event.pk)
    return render(
        request,
        "events/outcome_form.html",
        {"form": form, "registration": registration, "event": event},
    )


@capability_required(MANAGE)
def survey_entry(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = SurveyForm(request.POST or None, with_role=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        role = data.pop("role")
        try:
            surveys.type_paper_answer(
                event=event, role=role, answers=data, acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Questionnaire enregistré ; vous pouvez saisir le suivant.")
            return redirect("events:survey", event.pk)
    return render(request, "events/survey_form.html", {"form": form, "event": event})
