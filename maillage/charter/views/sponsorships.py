"""Sponsorships: a company employee sponsors a person. Personal data: only the pairs whose
person is in the user's scope are shown (each display audited); the others are counted."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Min
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.charter import figures, services
from maillage.charter.forms import PersonSearchForm, SponsorshipFilterForm, SponsorshipForm
from maillage.charter.models import Sponsorship
from maillage.charter.views.signatories import EDIT, VIEW
from maillage.companies.models import Company
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.people.models import Person

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def _years() -> list[int]:
    first = Sponsorship.objects.aggregate(first=Min("started_on"))["first"]
    today = timezone.localdate().year
    return list(range(today, (first.year if first else today) - 1, -1))


@capability_required(VIEW)
def sponsorship_list(request):
    form = SponsorshipFilterForm(request.GET or None, years=_years())
    everyone = Sponsorship.objects.all()
    if form.is_valid():
        if year := form.cleaned_data["annee"]:
            everyone = everyone.overlapping(*figures.year_bounds(year))
        if outcome := form.cleaned_data["issue"]:
            everyone = (
                everyone.filter(ended_on__isnull=True)
                if outcome == "ongoing"
                else everyone.filter(outcome=outcome)
            )
    visible = everyone.visible_to(request.user).select_related(
        "person", "company", "sponsor_contact"
    )
    page = Paginator(visible, PAGE_SIZE).get_page(request.GET.get("page"))
    log_many([build_entry(Action.VIEW, s.person, changes={"sponsorship": s.pk}) for s in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "charter/sponsorship_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "hidden": everyone.count() - page.paginator.count,
            "can_edit": request.user.has_capability(EDIT),
        },
    )


@capability_required(EDIT)
def sponsorship_add(request, pk):
    """Step 1: find the person among those in scope; step 2: the pair's details."""
    company = get_object_or_404(Company, pk=pk)
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if not (person_id and str(person_id).isdigit()):
        search = PersonSearchForm(request.GET or None)
        found = None
        if search.is_valid() and search.cleaned_data["q"].strip():
            found = list(
                Person.objects.visible_to(request.user)
                .search(search.cleaned_data["q"])
                .order_by("last_name", "first_names", "pk")[:SEARCH_LIMIT]
            )
        template = "charter/_person_results.html" if request.htmx else "charter/choose_person.html"
        return render(
            request,
            template,
            {
                "search": search,
                "found": found,
                "limit": SEARCH_LIMIT,
                "company": company,
                "action": request.path,
            },
        )
    person = get_visible_or_404(Person.objects.all(), request.user, pk=person_id)
    form = SponsorshipForm(
        request.POST or None, company=company, initial={"started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            sponsorship = services.create_sponsorship(
                acting_user=request.user, company=company, person=person, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le parrainage est enregistré.")
            return redirect("charter:sponsorship", sponsorship.pk)
    log(Action.VIEW, person)
    return render(
        request,
        "charter/sponsorship_form.html",
        {
            "form": form,
            "company": company,
            "person": person,
            "title": f"Nouveau parrainage — {company}",
        },
        status=400 if form.errors else 200,
    )


@capability_required(VIEW)
def sponsorship_detail(request, pk):
    """The pair (display audited); with ``edit_companies``, the form to correct or close it."""
    sponsorship = get_visible_or_404(
        Sponsorship.objects.select_related("person", "company", "sponsor_contact"),
        request.user,
        pk=pk,
    )
    can_edit = request.user.has_capability(EDIT)
    form = None
    if can_edit:
        form = SponsorshipForm(
            request.POST or None,
            company=sponsorship.company,
            initial={
                "sponsor_contact": sponsorship.sponsor_contact_id,
                "sponsor_name": sponsorship.sponsor_name,
                "started_on": sponsorship.started_on,
                "ended_on": sponsorship.ended_on,
                "outcome": sponsorship.outcome,
                "note": sponsorship.note,
            },
        )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_sponsorship(
                    sponsorship, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                sponsorship.refresh_from_db()  # the page shows what is recorded
            else:
                messages.success(request, "Le parrainage est mis à jour.")
                return redirect("charter:sponsorship", pk)
    log(Action.VIEW, sponsorship, person_id=sponsorship.person_id)
    return render(
        request,
        "charter/sponsorship_detail.html",
        {"sponsorship": sponsorship, "form": form, "can_edit": can_edit},
        status=400 if form is not None and form.errors else 200,
    )
