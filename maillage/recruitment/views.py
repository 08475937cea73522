"""Pages of recruitment support: offers, campaigns, candidacies, placements, figures.

Thin views: capability (403), scoped querysets (404 out of scope), services.
Names shown are those in the user's scope, each display audited; the others
are counted only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.core.permissions import capability_required
from maillage.people.models import Person
from maillage.recruitment import figures, services
from maillage.recruitment.forms import (
    PersonSearchForm,
    PlacementFilterForm,
    PositionForm,
    StageForm,
    YearForm,
)
from maillage.recruitment.models import (
    FUNNEL,
    MANUAL_CHANNELS,
    Campaign,
    Candidacy,
    JobOffer,
    Placement,
    PlacementChannel,
)

PAGE_SIZE = 50
SEARCH_LIMIT = 20
VIEW = Capability.VIEW_RECRUITMENT


def _years() -> list[int]:
    found = {d.year for d in Placement.objects.dates("started_on", "year")}
    found |= {d.year for d in Campaign.objects.dates("opened_on", "year")}
    return sorted({timezone.localdate().year, *found}, reverse=True)


def _can_manage(request) -> bool:
    return request.user.has_capability(Capability.MANAGE_RECRUITMENT)


def _visible_candidates(request, candidacies, **context_ids):
    """The candidacies the user may see (names audited, one query) and how many are hidden."""
    visible = list(
        candidacies.visible_to(request.user)
        .select_related("person")
        .order_by("person__last_name", "person__first_names", "pk")
    )
    log_many([build_entry(Action.VIEW, c.person, changes=context_ids) for c in visible])
    return visible, candidacies.count() - len(visible)


@capability_required(VIEW)
def offer_list(request):
    offers = (
        JobOffer.objects.select_related("company")
        .annotate(candidates=Count("candidacies"))
        .order_by("-published_on", "pk")
    )
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "recruitment/offer_list.html", {"page": page, "can_manage": _can_manage(request)}
    )


@capability_required(VIEW)
def offer_detail(request, pk):
    offer = get_object_or_404(JobOffer.objects.select_related("company"), pk=pk)
    visible, hidden = _visible_candidates(request, offer.candidacies.all(), offer=offer.pk)
    return render(
        request,
        "recruitment/offer_detail.html",
        {"offer": offer, "visible": visible, "hidden": hidden, "can_manage": _can_manage(request)},
    )


@capability_required(VIEW)
def campaign_list(request):
    campaigns = list(Campaign.objects.select_related("company"))
    funnels = figures.funnels_by_channel([c.pk for c in campaigns])
    rows = [{"campaign": c, "total": funnels[c.pk][-1]} for c in campaigns]
    return render(
        request,
        "recruitment/campaign_list.html",
        {"rows": rows, "stages": FUNNEL, "can_manage": _can_manage(request)},
    )


@capability_required(VIEW)
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("company"), pk=pk)
    visible, hidden = _visible_candidates(request, campaign.candidacies.all(), campaign=campaign.pk)
    context = {
        "campaign": campaign,
        "sessions": list(campaign.sessions.all()),
        "funnel": figures.funnels_by_channel([campaign.pk])[campaign.pk],
        "stages": FUNNEL,
        "analysis": figures.hires_analysis(campaign),
        "visible": visible,
        "hidden": hidden,
        "can_manage": _can_manage(request),
    }
    return render(request, "recruitment/campaign_detail.html", context)


def choose_person(request, *, title: str, intro: str):
    """The person search (in the user's scope, htmx as you type) before a form about one."""
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = list(
            Person.objects.visible_to(request.user)
            .search(search.cleaned_data["q"])
            .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
        )
    template = (
        "recruitment/_person_results.html" if request.htmx else "recruitment/choose_person.html"
    )
    return render(
        request,
        template,
        {
            "search": search,
            "found": found,
            "limit": SEARCH_LIMIT,
            "title": title,
            "intro": intro,
            "action": request.path,
        },
    )


def _position(request, *, offer=None, campaign=None):
    target = offer or campaign
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if not (person_id and str(person_id).isdigit()):
        return choose_person(
            request,
            title="Positionner un candidat",
            intro=f"Sur : {target}. Choisissez la personne parmi celles que vos structures "
            "suivent.",
        )
    person = get_visible_or_404(Person.objects.all(), request.user, pk=person_id)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidacy = services.position_candidate(
                person=person,
                offer=offer,
                campaign=campaign,
                **form.cleaned_data,
                acting_user=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "La personne est positionnée.")
            return redirect("recruitment:candidacy", pk=candidacy.pk)
    log(Action.VIEW, person)
    return render(
        request,
        "recruitment/position_form.html",
        {"form": form, "person": person, "target": target, "action": request.path},
        status=400 if form.errors else 200,
    )


@capability_required(VIEW)
def position_on_offer(request, pk):
    return _position(request, offer=get_object_or_404(JobOffer, pk=pk))


@capability_required(VIEW)
def position_in_campaign(request, pk):
    return _position(request, campaign=get_object_or_404(Campaign, pk=pk))


@capability_required(VIEW)
def candidacy_detail(request, pk):
    candidacy = get_visible_or_404(
        Candidacy.objects.select_related("person", "offer__company", "campaign__company"),
        request.user,
        pk=pk,
    )
    can_manage = request.user.has_capability(Capability.MANAGE_RECRUITMENT)
    form = StageForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.change_stage(
                    candidacy=candidacy,
                    stage=form.cleaned_data["stage"],
                    on=form.cleaned_data["date"],
                    contract_type=form.cleaned_data["contract_type"],
                    acting_user=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "L'étape est enregistrée.")
                return redirect("recruitment:candidacy", pk=candidacy.pk)
    log(Action.VIEW, candidacy, person_id=candidacy.person_id)
    context = {
        "candidacy": candidacy,
        "history": list(candidacy.history.select_related("changed_by")),
        "form": form,
    }
    return render(
        request,
        "recruitment/candidacy_detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@capability_required(VIEW)
def placement_list(request):
    form = PlacementFilterForm(request.GET or None, years=_years())
    placements = Placement.objects.visible_to(request.user).select_related("person", "company")
    if form.is_valid():
        if year := form.cleaned_data["annee"]:
            placements = placements.of_year(year)
        if channel := form.cleaned_data["canal"]:
            placements = placements.filter(channel=channel)
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    log_many([build_entry(Action.VIEW, p.person, changes={"placement": p.pk}) for p in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "recruitment/placement_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": _can_manage(request),
            "manual_channels": [str(c) for c in MANUAL_CHANNELS],
        },
    )


@capability_required(VIEW)
def statistics_page(request):
    years = _years()
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data["annee"] if form.is_valid() else years[0]
    by_channel = figures.placements_by_channel(year)
    labels = dict(PlacementChannel.choices)
    context = {
        "form": form,
        "year": year,
        "channels": [(labels[c], n) for c, n in by_channel.items()],
        "placements": sum(by_channel.values()),
        "partners": figures.partner_companies(year).count(),
        "campaigns": figures.campaigns_of_year(year),
        "stages": FUNNEL,
    }
    return render(request, "recruitment/statistics.html", context)
