"""Company pages: "Mes actions", the list, a company's page and the forms.

Companies are not beneficiaries' data: access is by capability only (no
person scope). The views stay thin; rules and audit live in ``services``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.companies import services
from maillage.companies.forms import (
    CompanyFilterForm,
    CompanyForm,
    ContactForm,
    InteractionForm,
    LeaveForm,
)
from maillage.companies.home_sources import home_items
from maillage.companies.models import Company, Contact, Interaction
from maillage.companies.widgets import CHOICES_LIMIT, label
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required

PAGE_SIZE = 25


def _split_actions(interactions, today):
    late = [i for i in interactions if i.is_late(today)]
    return late, [i for i in interactions if not i.is_late(today)]


@capability_required(Capability.VIEW_COMPANIES)
def home(request):
    """The chargé de mission's next actions: late ones first, then the coming ones."""
    today = timezone.localdate()
    pending = list(
        Interaction.objects.pending_actions()
        .owned_by(request.user)
        .select_related("company", "contact")
        .order_by(F("next_action_due").asc(nulls_last=True), "id")
    )
    late, upcoming = _split_actions(pending, today)
    # Other modules' due work (IOD follow-ups…), late first: home_items sorts by due date.
    others = home_items(request.user, today)
    return render(
        request,
        "companies/home.html",
        {
            "late": late,
            "upcoming": upcoming,
            "others": others,
            "others_late": sum(1 for item in others if item.is_late(today)),
            "today": today,
            "can_edit": request.user.has_capability(Capability.EDIT_COMPANIES),
        },
    )


@capability_required(Capability.VIEW_COMPANIES)
def company_list(request):
    form = CompanyFilterForm(request.GET)
    companies = form.filter(
        Company.objects.select_related("owner").prefetch_related("tags").order_by("name", "id")
    )
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": request.GET.urlencode()}
    partial = request.htmx and not request.htmx.history_restore_request
    if not partial:
        context["can_edit"] = request.user.has_capability(Capability.EDIT_COMPANIES)
    template = "companies/_results.html" if partial else "companies/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@capability_required(Capability.VIEW_COMPANIES)
def detail(request, pk):
    company = get_object_or_404(
        Company.objects.select_related("owner").prefetch_related("tags"), pk=pk
    )
    contacts = list(company.contacts.all())
    interactions = list(company.interactions.select_related("contact", "staff"))
    pending = sorted(
        (i for i in interactions if i.next_action and not i.next_action_done),
        key=lambda i: (i.next_action_due is None, i.next_action_due, i.pk),
    )
    late, upcoming = _split_actions(pending, timezone.localdate())
    return render(
        request,
        "companies/detail.html",
        {
            "company": company,
            "current_contacts": [c for c in contacts if not c.has_left],
            "former_contacts": [c for c in contacts if c.has_left],
            "interactions": interactions,
            "late": late,
            "upcoming": upcoming,
            "can_edit": request.user.has_capability(Capability.EDIT_COMPANIES),
            # The recruitment support given to the company (no personal data).
            "offers": list(company.job_offers.order_by("-published_on", "-pk")),
            "campaigns": list(company.campaigns.order_by("-opened_on", "-pk")),
            "can_recruit": request.user.has_capability(Capability.MANAGE_RECRUITMENT),
        },
    )


@capability_required(Capability.EDIT_COMPANIES)
def create(request):
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tags = data.pop("tags")
        try:
            company = services.create_company(acting_user=request.user, tags=tags, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"L'entreprise {company} a été créée.")
            return redirect("companies:detail", company.pk)
    return render(request, "companies/form.html", {"form": form, "title": "Nouvelle entreprise"})


@capability_required(Capability.EDIT_COMPANIES)
def update(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tags = list(data.pop("tags"))
        try:
            # A fresh copy: the form already wrote its values on ``company``.
            services.update_company(
                Company.objects.get(pk=pk), acting_user=request.user, tags=tags, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "La fiche de l'entreprise a été mise à jour.")
            return redirect("companies:detail", pk)
    title = f"Modifier {Company.objects.only('name').get(pk=pk)}"
    return render(request, "companies/form.html", {"form": form, "title": title, "company_pk": pk})


@capability_required(Capability.EDIT_COMPANIES)
def contact_add(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = ContactForm(request.POST or None, instance=Contact(company=company))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.add_contact(company, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{contact} a été ajouté aux contacts.")
            return redirect("companies:detail", pk)
    return render(
        request,
        "companies/edit.html",
        {"form": form, "company": company, "title": f"Nouveau contact — {company}"},
    )


@capability_required(Capability.EDIT_COMPANIES)
def contact_leave(request, pk):
    contact = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    form = LeaveForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_leaves(contact, acting_user=request.user, on=form.cleaned_data["on"])
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"active_until": "on"})
        else:
            messages.success(request, f"{contact} figure désormais parmi les anciens contacts.")
            return redirect("companies:detail", contact.company_id)
    return render(
        request,
        "companies/edit.html",
        {
            "form": form,
            "company": contact.company,
            "title": f"Départ de {contact} — {contact.company}",
        },
    )


@capability_required(Capability.EDIT_COMPANIES)
def interaction_add(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = InteractionForm(
        request.POST or None,
        company=company,
        instance=Interaction(company=company, staff=request.user),
        initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_interaction(company, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'interaction a été enregistrée.")
            return redirect("companies:detail", pk)
    return render(
        request,
        "companies/edit.html",
        {"form": form, "company": company, "title": f"Nouvelle interaction — {company}"},
    )


@require_POST
@capability_required(Capability.EDIT_COMPANIES)
def action_done(request, pk):
    interaction = get_object_or_404(Interaction, pk=pk)
    try:
        services.complete_next_action(interaction, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Action « {interaction.next_action} » faite.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "companies:home"
    return redirect(target)


@capability_required(Capability.VIEW_COMPANIES, Capability.MANAGE_RECRUITMENT)
def choices(request):
    """The ``<option>``s of a company picker (``companies.widgets``) matching ``q`` (htmx)."""
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        found = list(
            Company.objects.matching(query)
            .only("pk", "name", "city")
            .order_by("name", "pk")[: CHOICES_LIMIT + 1]
        )
    context = {
        "companies": [{"pk": c.pk, "label": label(c)} for c in found[:CHOICES_LIMIT]],
        "truncated": len(found) > CHOICES_LIMIT,
        "limit": CHOICES_LIMIT,
        "query": query,
    }
    return render(request, "companies/_choices.html", context)
