"""Home pages by role, the anonymous statistics page and the administration hub."""

from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch

from maillage.accounts.models import User
from maillage.accounts.roles import Capability, Role
from maillage.accounts.scoping import for_aggregates
from maillage.core.permissions import capability_required
from maillage.organisations.models import Structure
from maillage.people.models import Person
from maillage.people.statistics import people_figures

# Where each role lands after login: the page of its daily work.
LANDING = {
    Role.ADMIN: "core:administration",
    Role.REFERENT: "plie:workspace",
    Role.COMPANY_RELATIONS: "companies:home",
    Role.DIRECTION: "core:statistics",
    Role.FUNDER: "core:statistics",
    Role.CLAUSE_FACILITATOR: "clauses:home",
    Role.RECEPTION: "antennas:home",
    Role.CULTURE: "culture:home",
    Role.CULTURAL_PARTNER: "culture:partner_home",
    Role.COMPANY_EMPLOYEE: "culture:company_offers",
}


def home(request):
    landing = LANDING.get(request.user.primary_role)
    if landing:
        try:
            return redirect(landing)
        except NoReverseMatch:  # a service whose pages are not built yet
            pass
    followed = (
        Person.objects.visible_to(request.user)
        .select_related("qpv")
        .order_by("-updated_at", "-id")[:15]
    )
    return render(
        request,
        "core/dashboard.html",
        {
            "followed": followed,
            "structures": [m.structure for m in request.user.active_memberships],
            "can_edit": request.user.has_capability(Capability.EDIT_PEOPLE),
        },
    )


@capability_required(Capability.VIEW_AGGREGATES)
def statistics(request):
    people = for_aggregates(Person.objects.all(), request.user)
    return render(request, "core/statistics.html", {"figures": people_figures(people)})


@capability_required(Capability.MANAGE_STRUCTURES)
def administration(request):
    structures = Structure.objects.annotate(
        user_count=Count("memberships__user", distinct=True)
    ).order_by("kind", "name")
    return render(
        request,
        "core/administration.html",
        {
            "structures": structures,
            "user_count": User.objects.filter(is_active=True).count(),
            "person_count": Person.objects.count(),
        },
    )
