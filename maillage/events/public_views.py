"""The public agenda at /agenda/: no login (``login_not_required``).

Upcoming public events by antenna and theme, an event's page with the online
registration form, the iCalendar feeds and the survey answered via a signed
link. Nothing here shows who else registered: the page says only whether
places remain.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from maillage.core.forms import add_service_errors
from maillage.events import ics, public, surveys
from maillage.events.forms import PublicRegistrationForm, SurveyForm
from maillage.events.models import Event, EventKind, RegistrationStatus
from maillage.organisations.models import Structure, StructureKind


def _public_events():
    return Event.objects.filter(is_public=True).exclude(kind=EventKind.PROGRAMME)


@login_not_required
def agenda(request):
    antennas = list(Structure.objects.filter(kind=StructureKind.ANTENNA, is_active=True))
    events = (
        _public_events()
        .filter(date__gte=timezone.localdate(), cancelled=False)
        .select_related("structure")
        .order_by("date", "start_time", "pk")
    )
    antenna = request.GET.get("antenne", "")
    theme = request.GET.get("theme", "").strip()
    if antenna:
        events = events.filter(structure__code=antenna)
    if theme:
        events = events.filter(theme=theme)
    themes = sorted(
        set(
            _public_events()
            .filter(date__gte=timezone.localdate())
            .exclude(theme="")
            .values_list("theme", flat=True)
        )
    )
    return render(
        request,
        "events/public/agenda.html",
        {
            "events": list(events[:200]),
            "antennas": antennas,
            "themes": themes,
            "antenna": antenna,
            "theme": theme,
        },
    )


def _places_left(event) -> int | None:
    if event.capacity is None:
        return None
    listed = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return max(event.capacity - listed, 0)


@login_not_required
def event_page(request, pk):
    event = get_object_or_404(_public_events().select_related("structure"), pk=pk)
    open_ = public.accepts_public_registrations(event)
    done = None
    if request.method == "POST" and open_:
        form = PublicRegistrationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["website"]:
                    raise ValidationError("Envoi refusé.")
                public.check_stamp(data["stamp"])
                done = public.public_register(
                    event=event,
                    last_name=data["last_name"],
                    first_name=data["first_name"],
                    email=data["email"],
                    phone=data["phone"],
                    consent=data["consent"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        status = 200 if done or not form.errors else 400
    else:
        form = PublicRegistrationForm(initial={"stamp": public.issue_stamp()})
        status = 200
    if form.is_bound and not done:
        form.data = form.data.copy()
        form.data["stamp"] = public.issue_stamp()
    return render(
        request,
        "events/public/event.html",
        {
            "event": event,
            "form": form,
            "open": open_,
            "done": done,
            "waiting": done is not None and done.status == RegistrationStatus.WAITING,
            "places_left": _places_left(event),
        },
        status=status,
    )


def _ics_response(request, events, name, filename):
    body = ics.build_calendar(
        ics.feed_events(events),
        name=name,
        url_for=lambda event: request.build_absolute_uri(reverse("agenda:event", args=[event.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_not_required
def feed(request):
    return _ics_response(request, _public_events(), "Agenda emploi", "agenda.ics")


@login_not_required
def antenna_feed(request, code):
    structure = get_object_or_404(Structure, code=code, kind=StructureKind.ANTENNA)
    return _ics_response(
        request,
        _public_events().filter(structure=structure),
        str(structure),
        f"agenda-{code}.ics",
    )


@login_not_required
def survey(request, token):
    try:
        payload = surveys.read_token(token)
    except ValidationError as exc:
        return render(
            request, "events/public/survey.html", {"invalid": exc.messages[0]}, status=404
        )
    event = get_object_or_404(Event, pk=payload["e"])
    form = SurveyForm(request.POST or None)
    thanks = False
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer_online(token=token, answers=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            thanks = True
    return render(
        request,
        "events/public/survey.html",
        {"event": event, "form": form, "thanks": thanks, "invalid": "", "role": payload["r"]},
    )
