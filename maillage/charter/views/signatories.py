"""The charter's home page, a company's charter page, signature and commitment forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, build_entry, log_many
from maillage.charter import figures, services
from maillage.charter.forms import CommitmentForm, FollowUpForm, HomeFilterForm, SignatureForm
from maillage.charter.models import AXES, Commitment, CommitmentKind, Guest, Sponsorship
from maillage.companies.models import Company
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.recruitment.models import Placement

VIEW = Capability.VIEW_COMPANIES
EDIT = Capability.EDIT_COMPANIES
PAGE_SIZE = 25
SEARCH_LIMIT = 20
FIRST_YEAR = 2012  # "100 entreprises pour l'emploi", launched on 1 October 2012


def charter_years() -> list[int]:
    """From the first signature (2012 at the latest) to this year, most recent first."""
    first = Company.objects.aggregate(first=Min("charter_signed_on"))["first"]
    start = min(first.year, FIRST_YEAR) if first else FIRST_YEAR
    return list(range(timezone.localdate().year, start - 1, -1))


@capability_required(VIEW)
def home(request):
    years = charter_years()
    form = HomeFilterForm(request.GET or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("annee") or years[0]
    start, end = figures.year_bounds(year)
    kind = data.get("engagement") or ""
    companies = figures.signatories(year)
    if data.get("nouvelles"):
        companies = companies.filter(charter_signed_on__gte=start)
    if kind:
        companies = companies.filter(
            pk__in=Commitment.objects.filter(kind=kind).values("company_id")
        )
    if data.get("q"):
        companies = companies.matching(data["q"])
    # The home page's per-company counts use the figures' own definitions (docs/charter.md).
    prefix = "charter_commitments__"
    realised = figures.realised_in(year, prefix)
    cohort = figures.followed_in(year, prefix) & (
        Q(charter_commitments__kind=kind) if kind else Q()
    )
    companies = (
        companies.select_related("charter_signature__officer", "owner")
        .annotate(
            followed=Count("charter_commitments", filter=cohort),
            realised=Count("charter_commitments", filter=cohort & realised),
        )
        .order_by("-charter_signed_on", "name", "pk")
    )
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for row in page.object_list:  # a signatory imported from companies.csv may have none yet
        row.signature = getattr(row, "charter_signature", None)
    by_kind = figures.realisation_by_kind(year)
    kinds = [
        {
            "label": label,
            "axis": value in AXES,
            **by_kind.get(value, {"commitments": 0, "realised": 0, "realisation_rate": 0.0}),
        }
        for value, label in CommitmentKind.choices
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "year": year,
        "page": page,
        "query": query.urlencode(),
        "totals": Company.objects.aggregate(
            signatories=Count("pk", filter=Q(charter_signed_on__lte=end)),
            new=Count("pk", filter=Q(charter_signed_on__gte=start, charter_signed_on__lte=end)),
        ),
        "rate": figures.realisation(year, kinds=[kind] if kind else None),
        "kinds": kinds,
        "can_edit": request.user.has_capability(EDIT),
    }
    return render(request, "charter/home.html", context)


@capability_required(EDIT)
def choose_company(request):
    """Find the company that signs: its charter page holds the signature form."""
    query = request.GET.get("q", "").strip()
    found = None
    if query:
        found = list(Company.objects.matching(query).order_by("name", "pk")[:SEARCH_LIMIT])
    template = "charter/_company_results.html" if request.htmx else "charter/choose_company.html"
    return render(request, template, {"q": query, "found": found, "limit": SEARCH_LIMIT})


@capability_required(VIEW)
def company(request, pk):
    company = get_object_or_404(
        Company.objects.select_related("owner", "charter_signature__officer"), pk=pk
    )
    commitments = list(
        company.charter_commitments.select_related("interaction").order_by("taken_on", "kind")
    )
    sponsorships = Sponsorship.objects.filter(company=company)
    visible = list(
        sponsorships.visible_to(request.user).select_related("person", "sponsor_contact")
    )
    log_many([build_entry(Action.VIEW, s.person, changes={"sponsorship": s.pk}) for s in visible])
    context = {
        "company": company,
        "signature": getattr(company, "charter_signature", None),
        "commitments": commitments,
        "sponsorships": visible,
        "hidden_sponsorships": sponsorships.count() - len(visible),
        "invitations": list(
            Guest.objects.filter(company=company)
            .select_related("evening", "contact")
            .order_by("-evening__year", "pk")
        ),
        "can_edit": request.user.has_capability(EDIT),
    }
    return render(request, "charter/company.html", context)


@capability_required(EDIT)
def sign(request, pk):
    company = get_object_or_404(Company.objects.select_related("charter_signature"), pk=pk)
    signature = getattr(company, "charter_signature", None)
    initial = {"signed_on": company.charter_signed_on or timezone.localdate()}
    if signature:
        initial |= {
            "signatory_name": signature.signatory_name,
            "signatory_function": signature.signatory_function,
            "officer": signature.officer_id,
            "note": signature.note,
        }
    else:
        initial["officer"] = company.owner_id
    form = SignatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_charter(company, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"La signature de {company} est enregistrée.")
            return redirect("charter:company", pk)
    title = f"Signature de la charte — {company}"
    return render(
        request,
        "charter/form.html",
        {"form": form, "company": company, "title": title},
        status=400 if form.errors else 200,
    )


@capability_required(EDIT)
def commitment_add(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = CommitmentForm(request.POST or None, initial={"taken_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_commitment(company, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'engagement est enregistré.")
            return redirect("charter:company", pk)
    return render(
        request,
        "charter/form.html",
        {"form": form, "company": company, "title": f"Nouvel engagement — {company}"},
        status=400 if form.errors else 200,
    )


@capability_required(EDIT)
def follow_up(request, pk):
    """Realise a commitment with its evidence, or record that it was dropped."""
    commitment = get_object_or_404(Commitment.objects.select_related("company"), pk=pk)
    company = commitment.company
    form = FollowUpForm(
        request.POST or None,
        initial={"on": timezone.localdate()},
        interactions=company.interactions.filter(done=True),
        placements=Placement.objects.visible_to(request.user).filter(company=company),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if data.pop("outcome") == "dropped":
                services.drop_commitment(
                    commitment, acting_user=request.user, on=data["on"], note=data["note"]
                )
            else:
                data["evidence_kind"] = data["evidence_kind"] or ""
                services.realise_commitment(commitment, acting_user=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Le suivi de l'engagement « {commitment.get_kind_display()} » est enregistré.",
            )
            return redirect("charter:company", company.pk)
    return render(
        request,
        "charter/follow_up.html",
        {"form": form, "company": company, "commitment": commitment},
        status=400 if form.errors else 200,
    )
