"""Partners, the "ressources humaines" side with cultural employers, and the figures page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.insertion_culture import figures, services
from maillage.insertion_culture.forms import (
    EmployerActionForm,
    EmployerForm,
    EmployerOutcomeForm,
    PartnerForm,
)
from maillage.insertion_culture.models import (
    PUBLIC_FLAGS,
    EmployerAction,
    EmployerOutcome,
    Partner,
    PartnerCategory,
)
from maillage.insertion_culture.territories import TerritoryKind
from maillage.insertion_culture.views.common import chosen_person, chosen_year

MANAGE = Capability.MANAGE_INSERTION_CULTURE


def _form_page(request, form, title: str, cancel_url: str, *, intro: str = "", person=None):
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "submit": "Enregistrer",
        "cancel_url": cancel_url,
        "person": person,
    }
    status = 400 if form.errors else 200
    return render(request, "insertion_culture/form_page.html", context, status=status)


@capability_required(MANAGE)
def partner_list(request):
    partners = Partner.objects.select_related("structure").annotate(
        n_actions=Count("actions", distinct=True)
    )
    return render(request, "insertion_culture/partner_list.html", {"partners": list(partners)})


def _partner_form_page(request, partner: Partner | None):
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_partner(form.instance, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le partenaire est enregistré.")
            return redirect("insertion_culture:partners")
    title = f"Modifier « {partner} »" if partner else "Nouveau partenaire"
    return _form_page(request, form, title, reverse("insertion_culture:partners"))


@capability_required(MANAGE)
def partner_create(request):
    return _partner_form_page(request, None)


@capability_required(MANAGE)
def partner_edit(request, pk):
    return _partner_form_page(request, get_object_or_404(Partner, pk=pk))


@capability_required(MANAGE)
def hr_home(request):
    """The year's work with cultural employers; people named only in scope, each audited."""
    form, year = chosen_year(request)
    employer_actions = list(
        EmployerAction.objects.filter(date__year=year).select_related("company")
    )
    outcomes = EmployerOutcome.objects.filter(date__year=year)
    visible = list(outcomes.visible_to(request.user).select_related("company", "person"))
    log_many([build_entry(Action.VIEW, o.person, changes={"mic_outcome": o.pk}) for o in visible])
    context = {
        "form": form,
        "year": year,
        "employer_actions": employer_actions,
        "outcomes": visible,
        "hidden": outcomes.count() - len(visible),
        "hr": figures.insertion_culture_block(year)["hr"],
    }
    return render(request, "insertion_culture/hr_home.html", context)


@capability_required(MANAGE)
def employer_action_create(request):
    form = EmployerActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_employer_action(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'action auprès de l'employeur est enregistrée.")
            return redirect("insertion_culture:hr")
    return _form_page(
        request,
        form,
        "Action auprès d'un employeur culturel",
        reverse("insertion_culture:hr"),
        intro="Prospection, rendez-vous d'appui conseil RH, découverte des métiers ou offre "
        "d'emploi travaillée. Employeur absent de la liste : ajoutez-le d'abord.",
    )


@capability_required(MANAGE)
def employer_outcome_create(request):
    person, response = chosen_person(
        request, {"target": None, "title": "Résultat auprès d'un employeur culturel"}
    )
    if response is not None:
        return response
    form = EmployerOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_employer_outcome(person=person, **data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le résultat est enregistré.")
            return redirect("insertion_culture:hr")
    log(Action.VIEW, person)
    return _form_page(
        request,
        form,
        f"Résultat pour {person}",
        reverse("insertion_culture:hr"),
        intro="Une mise à l'emploi est aussi comptée dans les mises à l'emploi du Service "
        "Entreprises (canal « Autre »).",
        person=person,
    )


@capability_required(MANAGE)
def employer_create(request):
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.create_employer(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"L'employeur « {company} » est ajouté.")
            return redirect("insertion_culture:hr")
    return _form_page(
        request,
        form,
        "Nouvel employeur culturel",
        reverse("insertion_culture:hr"),
        intro="L'employeur est ajouté au fichier des entreprises, partagé avec le Service "
        "Entreprises.",
    )


@capability_required(MANAGE, Capability.VIEW_AGGREGATES)
def statistics(request):
    """The figures of the report (anonymous, platform-wide), for the year chosen."""
    form, year = chosen_year(request)
    block = figures.insertion_culture_block(year)
    culture_labels = dict(PartnerCategory.choices)
    public_labels = {figures.PUBLIC_KEYS[f]: label for f, label in PUBLIC_FLAGS.items()}
    context = {
        "form": form,
        "year": year,
        "figures": block,
        "publics": [
            (public_labels[key], n, block["public_shares"][key])
            for key, n in block["publics"].items()
        ],
        "culture_categories": [
            (culture_labels[c], n) for c, n in block["culture_partners_by_category"].items()
        ],
        "perms_manage": request.user.has_capability(MANAGE),
        "outside": block["participants_by_territory_kind"][TerritoryKind.OUTSIDE]
        + block["participants_by_territory_kind"][TerritoryKind.UNKNOWN],
    }
    return render(request, "insertion_culture/statistics.html", context)
