"""Forms of the Service Entreprises: offers, campaigns and their sessions, manual placements.

Thin views: the capability (403) is ``manage_recruitment``; people are fetched
through their scope (404); rules, refusals and the audit live in
``recruitment.offers`` and ``recruitment.services``. A refused form answers 400
with the French messages beside the fields and nothing written.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, log
from maillage.companies.models import Company
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.people.models import Person
from maillage.recruitment import offers, services
from maillage.recruitment.forms import (
    CampaignForm,
    CloseOfferForm,
    JobOfferForm,
    PlacementForm,
    SessionForm,
)
from maillage.recruitment.models import Campaign, CampaignSession, JobOffer, Placement
from maillage.recruitment.views import choose_person

MANAGE = Capability.MANAGE_RECRUITMENT


def _initial_company(request) -> dict:
    """``?entreprise=<id>``: the company page's "new offer" link preselects the company."""
    company_id = request.GET.get("entreprise", "")
    if company_id.isdigit() and Company.objects.filter(pk=company_id).exists():
        return {"company": int(company_id)}
    return {}


def _render_form(request, form, *, title, cancel_url, intro=""):
    return render(
        request,
        "recruitment/edit_form.html",
        {"form": form, "title": title, "cancel_url": resolve_url(cancel_url), "intro": intro},
        status=400 if form.errors else 200,
    )


def _submit(request, form, save, *, success, redirect_to, rename=None):
    """Run ``save(cleaned_data)`` for a valid POST; the redirect, or None to show the form.

    ``redirect_to(obj)`` gives a URL name, or a (name, pk) pair.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save(dict(form.cleaned_data))
    except ValidationError as exc:
        add_service_errors(form, exc, rename)
        return None
    messages.success(request, success)
    target = redirect_to(obj)
    return redirect(*target) if isinstance(target, tuple) else redirect(target)


# -- job offers ---------------------------------------------------------------------


@capability_required(MANAGE)
def offer_create(request):
    form = JobOfferForm(request.POST or None, initial=_initial_company(request))
    done = _submit(
        request,
        form,
        lambda data: offers.create_offer(acting_user=request.user, **data),
        success="L'offre est enregistrée.",
        redirect_to=lambda offer: ("recruitment:offer", offer.pk),
    )
    return done or _render_form(
        request, form, title="Nouvelle offre d'emploi", cancel_url="recruitment:offers"
    )


@capability_required(MANAGE)
def offer_update(request, pk):
    offer = get_object_or_404(JobOffer, pk=pk)
    form = JobOfferForm(request.POST or None, instance=offer)
    done = _submit(
        request,
        form,
        # A fresh copy: the form has already written its values on ``offer``.
        lambda data: offers.update_offer(
            JobOffer.objects.get(pk=pk), acting_user=request.user, **data
        ),
        success="L'offre est mise à jour.",
        redirect_to=lambda offer: ("recruitment:offer", offer.pk),
    )
    title = f"Modifier l'offre « {JobOffer.objects.only('title').get(pk=pk).title} »"
    return done or _render_form(request, form, title=title, cancel_url=offer)


@capability_required(MANAGE)
def offer_close(request, pk):
    offer = get_object_or_404(JobOffer.objects.select_related("company"), pk=pk)
    form = CloseOfferForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: offers.close_offer(offer, acting_user=request.user, **data),
        success="L'offre est close.",
        redirect_to=lambda offer: ("recruitment:offer", offer.pk),
        rename={"closed_on": "on"},
    )
    return done or _render_form(
        request,
        form,
        title=f"Clore l'offre « {offer.title} »",
        cancel_url=offer,
        intro="Une offre close ne reçoit plus de candidats ; les candidatures en cours restent.",
    )


@require_POST
@capability_required(MANAGE)
def offer_reopen(request, pk):
    offer = get_object_or_404(JobOffer, pk=pk)
    try:
        offers.reopen_offer(offer, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "L'offre est de nouveau ouverte.")
    return redirect("recruitment:offer", pk)


# -- campaigns and sessions ---------------------------------------------------------


@capability_required(MANAGE)
def campaign_create(request):
    form = CampaignForm(request.POST or None, initial=_initial_company(request))
    done = _submit(
        request,
        form,
        lambda data: offers.create_campaign(acting_user=request.user, **data),
        success="La campagne est enregistrée : ajoutez-lui ses sessions.",
        redirect_to=lambda campaign: ("recruitment:campaign", campaign.pk),
    )
    return done or _render_form(
        request, form, title="Nouvelle campagne de recrutement", cancel_url="recruitment:campaigns"
    )


@capability_required(MANAGE)
def campaign_update(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    done = _submit(
        request,
        form,
        lambda data: offers.update_campaign(
            Campaign.objects.get(pk=pk), acting_user=request.user, **data
        ),
        success="La campagne est mise à jour.",
        redirect_to=lambda campaign: ("recruitment:campaign", campaign.pk),
    )
    title = f"Modifier la campagne « {Campaign.objects.only('title').get(pk=pk).title} »"
    return done or _render_form(request, form, title=title, cancel_url=campaign)


@capability_required(MANAGE)
def session_create(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = SessionForm(request.POST or None, instance=CampaignSession(campaign=campaign))
    done = _submit(
        request,
        form,
        lambda data: offers.add_session(campaign, acting_user=request.user, **data),
        success="La session est ajoutée.",
        redirect_to=lambda session: ("recruitment:campaign", campaign.pk),
    )
    return done or _render_form(
        request,
        form,
        title=f"Nouvelle session — {campaign.title}",
        cancel_url=campaign,
    )


@capability_required(MANAGE)
def session_update(request, pk):
    session = get_object_or_404(CampaignSession.objects.select_related("campaign"), pk=pk)
    campaign = session.campaign
    form = SessionForm(request.POST or None, instance=session)
    done = _submit(
        request,
        form,
        lambda data: offers.update_session(
            CampaignSession.objects.select_related("campaign").get(pk=pk),
            acting_user=request.user,
            **data,
        ),
        success="La session est mise à jour.",
        redirect_to=lambda session: ("recruitment:campaign", campaign.pk),
    )
    return done or _render_form(
        request,
        form,
        title=f"Modifier la session — {campaign.title}",
        cancel_url=campaign,
    )


@require_POST
@capability_required(MANAGE)
def session_delete(request, pk):
    session = get_object_or_404(CampaignSession, pk=pk)
    campaign_id = session.campaign_id
    offers.delete_session(session, acting_user=request.user)
    messages.success(request, "La session est supprimée.")
    return redirect("recruitment:campaign", campaign_id)


# -- manual placements --------------------------------------------------------------


@capability_required(MANAGE)
def placement_create(request):
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if not (person_id and str(person_id).isdigit()):
        return choose_person(
            request,
            title="Nouvelle mise à l'emploi",
            intro="Choisissez la personne recrutée parmi celles que vos structures suivent.",
        )
    person = get_visible_or_404(Person.objects.all(), request.user, pk=person_id)
    form = PlacementForm(request.POST or None, initial=_initial_company(request))
    done = _submit(
        request,
        form,
        lambda data: services.record_manual_placement(
            person=person, acting_user=request.user, **data
        ),
        success=f"La mise à l'emploi de {person} est enregistrée.",
        redirect_to=lambda placement: "recruitment:placements",
    )
    if done:
        return done
    log(Action.VIEW, person)
    return render(
        request,
        "recruitment/placement_form.html",
        {"form": form, "person": person, "title": f"Mise à l'emploi de {person}"},
        status=400 if form.errors else 200,
    )


@capability_required(MANAGE)
def placement_update(request, pk):
    placement = get_visible_or_404(Placement.objects.select_related("person"), request.user, pk=pk)
    if not services.is_manual(placement):
        messages.error(
            request,
            "Cette mise à l'emploi vient d'une candidature ou d'un autre module : "
            "corrigez-la à sa source.",
        )
        return redirect("recruitment:placements")
    form = PlacementForm(request.POST or None, instance=placement)
    done = _submit(
        request,
        form,
        lambda data: services.update_placement(
            Placement.objects.get(pk=pk), acting_user=request.user, **data
        ),
        success="La mise à l'emploi est corrigée.",
        redirect_to=lambda placement: "recruitment:placements",
    )
    if done:
        return done
    log(Action.VIEW, placement.person)
    return render(
        request,
        "recruitment/placement_form.html",
        {
            "form": form,
            "person": placement.person,
            "title": f"Corriger la mise à l'emploi de {placement.person}",
        },
        status=400 if form.errors else 200,
    )
