"""Pages of individual aids: requests and decisions, documents, budget, figures, sessions.

Thin views: capability (403), scoped querysets (404 out of scope), services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.aids import rules, services, statistics
from maillage.aids.forms import (
    AidRequestForm,
    DecisionForm,
    DocumentForm,
    EnvelopeForm,
    FilterForm,
    ParticipantSearchForm,
    SessionForm,
    YearForm,
    add_rule_errors,
)
from maillage.aids.models import (
    AidDocument,
    AidKind,
    AidRequest,
    CollectiveSession,
    SessionParticipant,
)
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.core.permissions import capability_required
from maillage.people.models import Person

PAGE_SIZE = 50
SEARCH_LIMIT = 20
AID_ROLES = (Capability.REQUEST_AIDS, Capability.DECIDE_AIDS)


def _years() -> list[int]:
    today = timezone.localdate().year
    found = AidRequest.objects.dates("requested_on", "year")
    return sorted({today, *(d.year for d in found)}, reverse=True)


@capability_required(*AID_ROLES)
def request_list(request):
    form = FilterForm(request.GET or None, years=_years())
    aids = AidRequest.objects.visible_to(request.user).select_related("person", "structure")
    if form.is_valid():
        if year := form.cleaned_data["annee"]:
            aids = aids.of_year(year)
        if kind := form.cleaned_data["nature"]:
            aids = aids.filter(kind=kind)
        if state := form.cleaned_data["etat"]:
            aids = aids.filter(outcome="" if state == "pending" else state)
    page = Paginator(aids, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "aids/request_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_request": request.user.has_capability(Capability.REQUEST_AIDS),
            "can_decide": request.user.has_capability(Capability.DECIDE_AIDS),
        },
    )


def _participant_search(request) -> tuple[ParticipantSearchForm, list[Person] | None]:
    search = ParticipantSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            services.participants(request.user)
            .search(search.cleaned_data["q"])
            .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
        )
    return search, found


@capability_required(Capability.REQUEST_AIDS)
def create(request):
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if not (person_id and str(person_id).isdigit()):
        search, found = _participant_search(request)
        template = (
            "aids/_participant_results.html" if request.htmx else "aids/choose_participant.html"
        )
        return render(request, template, {"search": search, "found": found, "limit": SEARCH_LIMIT})
    person = get_visible_or_404(services.participants(request.user), request.user, pk=person_id)
    form = AidRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                aid = services.request_aid(
                    person=person, **form.request_values(), acting_user=request.user
                )
                if upload := form.cleaned_data.get("document"):
                    try:
                        services.add_document(
                            aid=aid, uploaded_file=upload, acting_user=request.user
                        )
                    except ValidationError as exc:
                        raise ValidationError({"document": exc.message_dict["file"]}) from exc
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, "La demande d'aide est enregistrée.")
            return redirect("aids:detail", pk=aid.pk)
    return render(
        request,
        "aids/request_form.html",
        {"form": form, "person": person, "maximums": rules.maximum_amounts(), "kinds": AidKind},
    )


def _detail_context(request, aid, decision_form=None, document_form=None) -> dict:
    user = request.user
    can_decide = user.has_capability(Capability.DECIDE_AIDS)
    if decision_form is None and can_decide:
        initial = {
            "outcome": aid.outcome,
            "decided_on": aid.decided_on or timezone.localdate(),
            "amount_granted": aid.amount_granted,
            "refusal_reason": aid.refusal_reason,
            "payment_date": aid.payment_date,
        }
        decision_form = DecisionForm(initial=initial)
    voucher_months = (
        rules.voucher_months(aid.voucher_first_month, aid.voucher_months)
        if aid.voucher_first_month
        else []
    )
    return {
        "aid": aid,
        "person": aid.person,
        "documents": list(aid.documents.all()),
        "voucher_months": voucher_months,
        "can_decide": can_decide,
        "decision_form": decision_form,
        "document_form": document_form or DocumentForm(),
    }


def _get_aid(request, pk):
    return get_visible_or_404(
        AidRequest.objects.select_related("person", "structure", "requested_by", "decided_by"),
        request.user,
        pk=pk,
    )


@capability_required(*AID_ROLES)
def detail(request, pk):
    aid = _get_aid(request, pk)
    log(Action.VIEW, aid, person_id=aid.person_id)
    return render(request, "aids/request_detail.html", _detail_context(request, aid))


@require_POST
@capability_required(Capability.DECIDE_AIDS)
def decide(request, pk):
    aid = _get_aid(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            changes = services.decide_aid(aid=aid, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            if changes:
                messages.success(request, "La décision est enregistrée.")
            else:
                messages.info(request, "Aucune modification : la décision est inchangée.")
            return redirect("aids:detail", pk=aid.pk)
    context = _detail_context(request, aid, decision_form=form)
    return render(request, "aids/request_detail.html", context, status=400)


@require_POST
@capability_required(*AID_ROLES)
def upload_document(request, pk):
    aid = _get_aid(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                aid=aid, uploaded_file=form.cleaned_data["file"], acting_user=request.user
            )
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, "La pièce est ajoutée à la demande.")
            return redirect(reverse("aids:detail", args=[aid.pk]) + "#pieces")
    context = _detail_context(request, aid, document_form=form)
    return render(request, "aids/request_detail.html", context, status=400)


@capability_required(*AID_ROLES)
def download_document(request, pk):
    """The file itself, only through this scoped and audited view (never a public URL)."""
    document = get_visible_or_404(
        AidDocument.objects.select_related("request"), request.user, pk=pk
    )
    handle = services.open_document(document=document, acting_user=request.user)
    response = FileResponse(handle, as_attachment=True, filename=document.name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _chosen_year(request) -> tuple[int, YearForm]:
    years = _years()
    asked = YearForm(request.GET, years=years)
    year = asked.cleaned_data["annee"] if asked.is_valid() else years[0]
    return year, YearForm(initial={"annee": year}, years=years)


@capability_required(Capability.DECIDE_AIDS)
def budget(request):
    year, year_form = _chosen_year(request)
    form = EnvelopeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_envelope(year=year, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, "L'enveloppe est enregistrée.")
            return redirect(f"{reverse('aids:budget')}?annee={year}")
    lines = [
        {"kind": AidKind(kind).label, **line}
        for kind, line in statistics.budget_lines(year).items()
    ]
    return render(
        request,
        "aids/budget.html",
        {"year": year, "year_form": year_form, "form": form, "lines": lines},
    )


@capability_required(Capability.VIEW_AGGREGATES)
def statistics_page(request):
    """Platform-wide figures of the year, as the annual report prints them (no names)."""
    year, year_form = _chosen_year(request)
    block = statistics.aids_block(year)
    return render(
        request,
        "aids/statistics.html",
        {"year": year, "year_form": year_form, "aids": block, **statistics.display(block)},
    )


@capability_required(*AID_ROLES)
def session_list(request):
    form = SessionForm(request.POST or None)
    can_decide = request.user.has_capability(Capability.DECIDE_AIDS)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = services.create_session(**form.cleaned_data, acting_user=request.user)
            except ValidationError as exc:
                add_rule_errors(form, exc)
            else:
                messages.success(request, "La session est créée.")
                return redirect("aids:session_detail", pk=session.pk)
    sessions = CollectiveSession.objects.annotate(n=Count("participants")).order_by("-date", "-pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "aids/session_list.html",
        {"page": page, "form": form, "can_decide": can_decide},
    )


@capability_required(*AID_ROLES)
def session_detail(request, pk):
    session = CollectiveSession.objects.filter(pk=pk).first()
    if session is None:
        raise Http404
    error = ""
    if request.method == "POST":
        person = (
            services.participants(request.user).filter(pk=request.POST.get("personne") or 0).first()
        )
        try:
            if person is None:
                raise ValidationError(
                    {"person": ["Choisissez un participant du PLIE que vous suivez."]}
                )
            services.add_participant(session=session, person=person, acting_user=request.user)
        except ValidationError as exc:
            error = " ".join(m for ms in exc.message_dict.values() for m in ms)
        else:
            messages.success(request, f"{person} est inscrit(e) à la session.")
            return redirect("aids:session_detail", pk=session.pk)
    rows = SessionParticipant.objects.filter(session=session)
    visible = list(
        rows.visible_to(request.user).select_related("person").order_by("person__last_name", "pk")
    )
    total = rows.count()
    search, found = _participant_search(request)
    # Each name shown is a display of personal data: one audit entry each, one query.
    log_many(
        [build_entry(Action.VIEW, row.person, changes={"session": session.pk}) for row in visible]
    )
    context = {
        "session": session,
        "visible": visible,
        "hidden": total - len(visible),
        "search": search,
        "found": found,
        "limit": SEARCH_LIMIT,
        "error": error,
    }
    return render(request, "aids/session_detail.html", context, status=400 if error else 200)


@require_POST
@capability_required(*AID_ROLES)
def remove_participant(request, pk):
    row = get_visible_or_404(
        SessionParticipant.objects.select_related("session"), request.user, pk=pk
    )
    services.remove_participant(participant=row, acting_user=request.user)
    messages.success(request, "La participation est retirée.")
    return redirect("aids:session_detail", pk=row.session_id)
