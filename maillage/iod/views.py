"""Pages of the IOD method: home, participants, offers and proposals, follow-ups, figures.

Thin views: capability (403), scoped querysets (404 out of scope), services.
Every name shown is audited (one bulk insert per list). Offers and company
appointments hold no beneficiary data; proposals and follow-ups do.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, log, log_views
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.iod import figures, forms, rules, services
from maillage.iod.home import due_contacts
from maillage.iod.models import (
    CompanyAction,
    FollowupContact,
    IodFollowup,
    Proposal,
    ProposalStatus,
)
from maillage.people.models import Person
from maillage.plie.models import Parcours
from maillage.recruitment.models import JobOffer, OfferSource

MANAGE = Capability.MANAGE_IOD
#: Référents see the IOD follow-up of the people they follow.
VIEW = (Capability.MANAGE_IOD, Capability.VIEW_RECRUITMENT)
PAGE_SIZE = 50
#: Proposals still waiting for their outcome.
PENDING_STATUSES = (ProposalStatus.PROPOSED, ProposalStatus.MET)
SEARCH_LIMIT = 20


def _form_page(request, form, *, title, submit, cancel, intro=""):
    return render(
        request,
        "iod/form.html",
        {"form": form, "title": title, "submit": submit, "cancel": cancel, "intro": intro},
        status=400 if form.errors else 200,
    )


# --- Home and participants ----------------------------------------------------------------


@capability_required(MANAGE)
def home(request):
    """My participants, my due and late follow-ups (late first), reviews to hold."""
    today = timezone.localdate()
    everyone = request.GET.get("tous") == "1"
    participants = (
        IodFollowup.objects.visible_to(request.user)
        .filter(ended_on__isnull=True)
        .select_related("person", "parcours__referent", "chargee")
        .annotate(
            active=Count("proposals", filter=Q(proposals__status__in=PENDING_STATUSES)),
            last_review=Max("reviews__held_on"),
        )
        .order_by("person__last_name", "person__first_names", "pk")
    )
    if not everyone:
        participants = participants.filter(chargee=request.user)
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"followup": f, "review_due": rules.next_review_due(f.oriented_on, f.last_review)}
        for f in page
    ]
    contacts = list(due_contacts(request.user, today))
    late = [c for c in contacts if c.is_late(today)]
    upcoming = [c for c in contacts if not c.is_late(today)]
    log_views(
        {r["followup"].person for r in rows} | {c.proposal.followup.person for c in contacts},
        page="iod:home",
    )
    return render(
        request,
        "iod/home.html",
        {
            "rows": rows,
            "page": page,
            "everyone": everyone,
            "late": late,
            "upcoming": upcoming,
            "today": today,
            "query": "tous=1" if everyone else "",
        },
    )


@capability_required(MANAGE)
def enrol(request):
    """Orient a PLIE participant to the IOD method: find the open parcours, then the form."""
    parcours_id = request.GET.get("parcours") or request.POST.get("parcours")
    if not (parcours_id and str(parcours_id).isdigit()):
        search = forms.SearchForm(request.GET or None)
        found = None
        if search.is_valid() and search.cleaned_data["q"].strip():
            found = list(
                Parcours.objects.visible_to(request.user)
                .filter(exit_date__isnull=True, person__in=_matching(request, search))
                .select_related("person", "structure", "referent")
                .order_by("person__last_name", "person__first_names", "pk")[:SEARCH_LIMIT]
            )
            log_views([p.person for p in found], page="iod:enrol")
        template = "iod/_parcours_results.html" if request.htmx else "iod/enrol_search.html"
        return render(request, template, {"search": search, "found": found, "limit": SEARCH_LIMIT})
    parcours = get_visible_or_404(
        Parcours.objects.select_related("person", "referent"), request.user, pk=parcours_id
    )
    form = forms.EnrolForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            followup = services.enrol(
                parcours=parcours, **form.cleaned_data, acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "La personne est suivie par la méthode IOD.")
            return redirect("iod:participant", pk=followup.pk)
    log(Action.VIEW, parcours.person, changes={"page": "iod:enrol"})
    return render(
        request,
        "iod/enrol_form.html",
        {"form": form, "parcours": parcours},
        status=400 if form.errors else 200,
    )


def _matching(request, search):
    return Person.objects.visible_to(request.user).search(search.cleaned_data["q"]).values("pk")


def _participant_page(request, followup, *, review_form=None, end_form=None, status=200):
    user = request.user
    can_manage = user.has_capability(MANAGE)
    can_review = can_manage or user.has_capability(Capability.SUBMIT_PLIE_FILES)
    reviews = list(followup.reviews.select_related("referent"))
    context = {
        "followup": followup,
        "proposals": list(
            followup.proposals.select_related("offer__company").order_by("-proposed_on", "-pk")
        ),
        "reviews": reviews,
        "review_due": rules.next_review_due(
            followup.oriented_on, reviews[0].held_on if reviews else None
        ),
        "can_manage": can_manage,
        "review_form": (review_form or forms.ReviewForm()) if can_review else None,
        "end_form": (end_form or forms.EndForm()) if can_manage and followup.is_open else None,
    }
    log(Action.VIEW, followup, person_id=followup.person_id)
    return render(request, "iod/participant.html", context, status=status)


def _followup(request, pk):
    return get_visible_or_404(
        IodFollowup.objects.select_related(
            "person", "parcours__referent", "chargee", "oriented_by"
        ),
        request.user,
        pk=pk,
    )


@capability_required(*VIEW)
def participant(request, pk):
    return _participant_page(request, _followup(request, pk))


@capability_required(MANAGE, Capability.SUBMIT_PLIE_FILES)
def review(request, pk):
    followup = _followup(request, pk)
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_review(followup, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le bilan de collaboration est enregistré.")
            return redirect("iod:participant", pk=followup.pk)
    return _participant_page(request, followup, review_form=form, status=400)


@capability_required(MANAGE)
def end(request, pk):
    followup = _followup(request, pk)
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_followup(followup, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le suivi IOD est terminé.")
            return redirect("iod:participant", pk=followup.pk)
    return _participant_page(request, followup, end_form=form, status=400)


# --- Companies and offers -------------------------------------------------------------------


@capability_required(MANAGE)
def company_actions(request):
    """The IOD appointments in companies, latest first, and the form to add one."""
    form = forms.CompanyActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_company_action(data.pop("company"), **data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le rendez-vous est enregistré.")
            return redirect("iod:company_actions")
    actions = CompanyAction.objects.select_related(
        "interaction__company", "interaction__staff", "offer"
    ).order_by("-interaction__occurred_at", "-pk")
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "iod/company_actions.html",
        {"form": form, "page": page, "query": ""},
        status=400 if form.errors else 200,
    )


@capability_required(MANAGE)
def offer_list(request):
    offers = (
        JobOffer.objects.filter(source=OfferSource.IOD)
        .select_related("company")
        .annotate(
            active=Count("iod_proposals", filter=Q(iod_proposals__status__in=PENDING_STATUSES)),
            hired=Count("iod_proposals", filter=Q(iod_proposals__status=ProposalStatus.HIRED)),
        )
        .order_by("-published_on", "-pk")
    )
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "iod/offer_list.html", {"page": page, "query": ""})


@capability_required(MANAGE)
def offer_create(request):
    form = forms.OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.negotiate_offer(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'offre négociée est enregistrée.")
            return redirect("iod:offer", pk=offer.pk)
    return _form_page(
        request,
        form,
        title="Nouvelle offre négociée",
        submit="Enregistrer l'offre",
        cancel="iod:offers",
        intro="L'offre négociée avec l'entreprise après la visite du poste de travail ; "
        "chaque poste recevra un seul candidat.",
    )


def _iod_offer(pk):
    return get_object_or_404(
        JobOffer.objects.select_related("company"), pk=pk, source=OfferSource.IOD
    )


@capability_required(MANAGE)
def offer_detail(request, pk):
    """The posts of an offer: each one's active proposal (names in scope) or free."""
    offer = _iod_offer(pk)
    proposals = list(
        offer.iod_proposals.select_related("followup__person").order_by("post", "-proposed_on")
    )
    visible = set(
        Proposal.objects.visible_to(request.user).filter(offer=offer).values_list("pk", flat=True)
    )
    active = {p.post: p for p in proposals if p.is_active}
    posts = [{"number": n, "proposal": active.get(n)} for n in range(1, offer.posts + 1)]
    past = [p for p in proposals if not p.is_active]
    log_views([p.followup.person for p in proposals if p.pk in visible], offer=offer.pk)
    return render(
        request,
        "iod/offer_detail.html",
        {
            "offer": offer,
            "posts": posts,
            "past": past,
            "visible": visible,
            "actions": list(offer.iod_actions.select_related("interaction__staff")),
        },
    )


@capability_required(MANAGE)
def propose(request, pk):
    offer = _iod_offer(pk)
    posts = services.free_posts(offer)
    form = forms.ProposeForm(
        request.POST or None,
        user=request.user,
        posts=posts,
        initial={"post": request.GET.get("poste")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose(offer=offer, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le candidat est proposé à l'entreprise.")
            return redirect("iod:proposal", pk=proposal.pk)
    return _form_page(
        request,
        form,
        title=f"Proposer un candidat — {offer.title} ({offer.company})",
        submit="Proposer",
        cancel="iod:offers",
        intro="Un seul candidat par poste ; aucun CV n'est transmis.",
    )


# --- Proposals and follow-ups ---------------------------------------------------------------


def _proposal_page(request, proposal, *, meeting_form=None, outcome_form=None, status=200):
    can_manage = request.user.has_capability(MANAGE)
    open_ = proposal.status in PENDING_STATUSES
    context = {
        "proposal": proposal,
        "contacts": list(proposal.contacts.all()),
        "today": timezone.localdate(),
        "can_manage": can_manage,
        "meeting_form": (meeting_form or forms.MeetingForm()) if can_manage and open_ else None,
        "outcome_form": (outcome_form or forms.OutcomeForm()) if can_manage and open_ else None,
    }
    log(Action.VIEW, proposal, person_id=proposal.followup.person_id)
    return render(request, "iod/proposal.html", context, status=status)


def _proposal(request, pk):
    return get_visible_or_404(
        Proposal.objects.select_related(
            "offer__company", "followup__person", "meeting_staff", "proposed_by", "placement"
        ),
        request.user,
        pk=pk,
    )


@capability_required(*VIEW)
def proposal_detail(request, pk):
    return _proposal_page(request, _proposal(request, pk))


@capability_required(MANAGE)
def meeting(request, pk):
    proposal = _proposal(request, pk)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_meeting(proposal, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "La mise en relation est enregistrée.")
            return redirect("iod:proposal", pk=proposal.pk)
    return _proposal_page(request, proposal, meeting_form=form, status=400)


@capability_required(MANAGE)
def outcome(request, pk):
    proposal = _proposal(request, pk)
    form = forms.OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(proposal, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            proposal.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'issue de la proposition est enregistrée.")
            return redirect("iod:proposal", pk=proposal.pk)
    return _proposal_page(request, proposal, outcome_form=form, status=400)


@capability_required(MANAGE)
def contact(request, pk):
    """Record a follow-up contact as done, or move it to another day.

    From the schedule, htmx swaps the contact's row for a small form and, once
    recorded, back for the updated row; without JavaScript this is a page.
    """
    contact = get_visible_or_404(
        FollowupContact.objects.select_related(
            "proposal__followup__person", "proposal__offer__company"
        ),
        request.user,
        pk=pk,
    )
    action = request.POST.get("action")
    done_form = forms.ContactDoneForm(
        request.POST if action == "done" else None,
        initial={"done_on": timezone.localdate()},
        auto_id=f"id_c{contact.pk}_%s" if request.htmx else "id_%s",
    )
    move_form = forms.RescheduleForm(request.POST if action == "move" else None)
    if request.method == "POST":
        if action not in ("done", "move"):
            return HttpResponseBadRequest("Action inconnue.")
        form = done_form if action == "done" else move_form
        if form.is_valid():
            try:
                if action == "done":
                    services.record_contact(contact, **form.cleaned_data, acting_user=request.user)
                else:
                    services.reschedule_contact(
                        contact, **form.cleaned_data, acting_user=request.user
                    )
            except ValidationError as exc:
                contact.refresh_from_db()
                add_service_errors(form, exc)
            else:
                if request.htmx:
                    return _contact_fragment(request, contact, "iod/_contact_row.html")
                messages.success(request, "Le suivi est enregistré.")
                return redirect("iod:proposal", pk=contact.proposal_id)
    log(Action.VIEW, contact, person_id=contact.proposal.followup.person_id)
    if request.htmx:
        # htmx swaps only 2xx answers: the form comes back with its errors as a 200.
        return _contact_fragment(request, contact, "iod/_contact_form_row.html", done_form)
    return render(
        request,
        "iod/contact.html",
        {"contact": contact, "done_form": done_form, "move_form": move_form},
        status=400 if done_form.errors or move_form.errors else 200,
    )


def _contact_fragment(request, contact, template, done_form=None):
    with_person = (request.GET.get("avec_personne") or request.POST.get("avec_personne")) == "1"
    context = {
        "contact": contact,
        "done_form": done_form,
        "with_person": with_person,
        "can_manage": True,
        "today": timezone.localdate(),
    }
    return render(request, template, context)


# --- Figures --------------------------------------------------------------------------------


def _years() -> list[int]:
    found = {d.year for d in IodFollowup.objects.dates("oriented_on", "year")}
    return sorted({timezone.localdate().year, *found}, reverse=True)


@capability_required(MANAGE, Capability.VIEW_AGGREGATES)
def statistics(request):
    years = _years()
    form = forms.YearForm(request.GET or None, years=years)
    year = form.cleaned_data["annee"] if form.is_valid() else years[0]
    block = figures.iod_block(year)
    context = {
        "form": form,
        "year": year,
        "figures": block,
        "interview_rate": round(block["interview_rate"] * 100),
        "employment_rate": round(block["employment_rate"] * 100),
        "can_manage": request.user.has_capability(MANAGE),
    }
    return render(request, "iod/statistics.html", context)
