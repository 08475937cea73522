"""Recurring series: list, create or change a rule, its occurrences (cancel one)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.events import figures, series
from maillage.events.forms import SeriesForm
from maillage.events.models import Event, RecurringSeries

VIEW = Capability.VIEW_EVENTS
MANAGE = Capability.MANAGE_EVENTS


@capability_required(VIEW)
def series_list(request):
    rows = RecurringSeries.objects.select_related("structure").order_by("structure__name", "title")
    return render(request, "events/series_list.html", {"rows": list(rows)})


@capability_required(VIEW)
def series_detail(request, pk):
    item = get_object_or_404(RecurringSeries.objects.select_related("structure"), pk=pk)
    occurrences = figures.with_counts(item.occurrences.all()).order_by("date", "pk")
    return render(
        request,
        "events/series_detail.html",
        {
            "series": item,
            "occurrences": list(occurrences),
            "can_manage": request.user.has_capability(MANAGE),
        },
    )


@capability_required(MANAGE)
def series_form(request, pk=None):
    item = get_object_or_404(RecurringSeries, pk=pk) if pk else None
    form = SeriesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fields["excluded_dates"] = form.cleaned_data["excluded"]
        fields["closed_months"] = form.cleaned_data["closed"]
        try:
            saved, created, removed = series.save_series(
                series=RecurringSeries.objects.get(pk=pk) if pk else None,
                acting_user=request.user,
                **fields,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Série enregistrée : {created} date(s) ajoutée(s), {removed} retirée(s).",
            )
            return redirect("events:series", saved.pk)
    return render(request, "events/series_form.html", {"form": form, "series": item})


@require_POST
@capability_required(MANAGE)
def occurrence_cancel(request, pk):
    event = get_object_or_404(Event, pk=pk, series__isnull=False)
    cancelled = request.POST.get("cancelled", "1") == "1"
    try:
        series.cancel_occurrence(event=event, acting_user=request.user, cancelled=cancelled)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Séance annulée." if cancelled else "Séance rétablie.")
    return redirect("events:series", event.series_id)
