"""The référent's home page: caseload against target and the lists that need action."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.plie import followup_rules, workspace
from maillage.plie.forms import WorkspaceFilterForm


def _listing(queryset) -> dict:
    """The total and the first rows of a list: two queries whatever its length."""
    return {"total": queryset.count(), "rows": list(queryset[: workspace.LIST_LIMIT])}


@capability_required(Capability.VIEW_PEOPLE)
def home(request):
    user, today = request.user, timezone.localdate()
    choices = workspace.referent_choices(user)
    selection = workspace.select(user, request.GET.get("referent"), choices)
    form = WorkspaceFilterForm(
        initial={"referent": selection.value}, choices=workspace.filter_choices(user, choices)
    )
    context = {
        "form": form,
        "selection": selection,
        "today": today,
        "limit": workspace.LIST_LIMIT,
        "window_days": workspace.CONTRACT_END_WINDOW_DAYS,
        "blocked_months": followup_rules.blocked_months(),
        "caseload": workspace.caseload(selection, today),
        "idle": _listing(workspace.without_running_step(selection, today)),
        "contracts": _listing(workspace.contracts_ending(selection, today)),
        "entries": _listing(workspace.pending_entry_requests(selection)),
        "exits": _listing(workspace.pending_exit_proposals(selection, today)),
        "followups": _listing(workspace.followups_due(selection, today)),
        "can_submit": user.has_capability(Capability.SUBMIT_PLIE_FILES),
        "can_see_commissions": user.has_capability(Capability.VIEW_COMMISSIONS),
        "can_see_statistics": user.has_capability(Capability.VIEW_AGGREGATES),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "plie/_workspace_content.html" if partial else "plie/workspace.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
