"""The figures of individual aids (report p. 15), computed in SQL.

Definitions (docs/aids.md): the *requests of Y* are the aid requests dated in
Y other than transport vouchers — the report's "dossiers de demandes
individuelles"; vouchers are counted apart, as the report does. *Accepted*
means accepted or partly accepted; the acceptance rate is accepted / requests.
The budget of a kind for Y commits the amounts granted by the decisions dated
in Y, so that the budget figures are always the sum of the decisions.

``aids_block(year)`` is the ``aids`` block of ``maillage annual_report``; the
statistics page shows the same dict.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from maillage.aids.models import (
    GRANTING,
    AidBudget,
    AidKind,
    AidRequest,
    CollectiveServiceKind,
    SessionParticipant,
    TrainingField,
)

ACCEPTED = Q(outcome__in=GRANTING)
FILE_KINDS = (AidKind.TRAINING, AidKind.CHILDCARE, AidKind.MOBILITY)


def _counts(queryset) -> dict:
    return queryset.aggregate(
        requests=Count("pk"),
        persons=Count("person", distinct=True),
        accepted=Count("pk", filter=ACCEPTED),
        refused=Count("pk", filter=Q(outcome="refused")),
        pending=Count("pk", filter=Q(outcome="")),
        amount_requested=Sum("amount_requested"),
        amount_granted=Sum("amount_granted", filter=ACCEPTED),
    )


def _plain(counts: dict) -> dict:
    """JSON-ready: amounts as floats (0 when there is none), and the acceptance rate."""
    out = {}
    for key, value in counts.items():
        if key.startswith("amount_"):
            out[key] = float(value or 0)
        else:
            out[key] = value or 0
    out["acceptance_rate"] = out["accepted"] / out["requests"] if out.get("requests") else 0.0
    return out


def _grouped(queryset, key: str, keys) -> dict:
    rows = queryset.values(key).annotate(
        requests=Count("pk"),
        persons=Count("person", distinct=True),
        accepted=Count("pk", filter=ACCEPTED),
        refused=Count("pk", filter=Q(outcome="refused")),
        pending=Count("pk", filter=Q(outcome="")),
        amount_requested=Sum("amount_requested"),
        amount_granted=Sum("amount_granted", filter=ACCEPTED),
    )
    found = {row.pop(key): row for row in rows}
    empty = {
        "requests": 0,
        "persons": 0,
        "accepted": 0,
        "refused": 0,
        "pending": 0,
        "amount_requested": None,
        "amount_granted": None,
    }
    return {k: _plain(found.get(k, empty)) for k in keys}


def budget_lines(year: int) -> dict[str, dict]:
    """Per kind: the envelope of Y, the amounts committed by Y's decisions, paid, remaining."""
    envelopes = dict(AidBudget.objects.filter(year=year).values_list("kind", "envelope"))
    committed = {
        row["kind"]: row
        for row in AidRequest.objects.filter(ACCEPTED, decided_on__year=year)
        .values("kind")
        .annotate(
            committed=Sum("amount_granted"),
            paid=Sum("amount_granted", filter=Q(payment_date__isnull=False)),
            decisions=Count("pk"),
        )
    }
    lines = {}
    for kind in AidKind.values:
        row = committed.get(kind, {})
        envelope = envelopes.get(kind)
        spent = row.get("committed") or Decimal(0)
        lines[kind] = {
            "envelope": envelope,
            "committed": spent,
            "paid": row.get("paid") or Decimal(0),
            "decisions": row.get("decisions", 0),
            "remaining": None if envelope is None else envelope - spent,
        }
    return lines


def aids_block(year: int) -> dict:
    """The ``aids`` block of the annual report for year Y (keys in docs/aids.md)."""
    of_year = AidRequest.objects.of_year(year)
    files = of_year.filter(kind__in=FILE_KINDS)
    vouchers = of_year.filter(kind=AidKind.TRANSPORT_VOUCHERS)
    training = files.filter(kind=AidKind.TRAINING)
    voucher_counts = vouchers.aggregate(
        requests=Count("pk"),
        accepted=Count("pk", filter=ACCEPTED),
        vouchers=Sum("voucher_months", filter=ACCEPTED),
        persons=Count("person", distinct=True, filter=ACCEPTED),
    )
    sessions = SessionParticipant.objects.filter(session__date__year=year)
    by_service = {
        row["session__service"]: row
        for row in sessions.values("session__service").annotate(
            sessions=Count("session", distinct=True), participants=Count("pk")
        )
    }
    collective = sessions.aggregate(
        sessions=Count("session", distinct=True),
        participants=Count("pk"),
        persons=Count("person", distinct=True),
    )
    accepted_fields = dict(
        training.filter(ACCEPTED)
        .values("training_field")
        .annotate(n=Count("pk"))
        .values_list("training_field", "n")
    )
    budgets = budget_lines(year)
    return {
        **_plain(_counts(files)),
        "by_kind": _grouped(files, "kind", FILE_KINDS),
        "by_sex": _grouped(files, "person__sex", ("F", "M")),
        "training_accepted_by_field": {f: accepted_fields.get(f, 0) for f in TrainingField.values},
        "childcare": _plain(_counts(files.filter(kind=AidKind.CHILDCARE))),
        "transport_vouchers": {k: v or 0 for k, v in voucher_counts.items()},
        "collective_services": {
            **{k: v or 0 for k, v in collective.items()},
            "by_service": {
                kind: {
                    "sessions": by_service.get(kind, {}).get("sessions", 0),
                    "participants": by_service.get(kind, {}).get("participants", 0),
                }
                for kind in CollectiveServiceKind.values
            },
        },
        "budget": {
            kind: {
                key: (float(value) if isinstance(value, Decimal) else value)
                for key, value in line.items()
            }
            for kind, line in budgets.items()
        },
    }


def display(block: dict) -> dict:
    """The tables of the statistics page, labelled in French, from the block."""
    from maillage.people.models import Sex

    def rate(value: float) -> str:
        return f"{round(value * 100)} %"

    kinds = [
        {"label": AidKind(kind).label, **line, "rate": rate(line["acceptance_rate"])}
        for kind, line in block["by_kind"].items()
    ]
    sexes = [
        {"label": Sex(sex).label, **line, "rate": rate(line["acceptance_rate"])}
        for sex, line in block["by_sex"].items()
    ]
    fields = [
        {"label": TrainingField(field).label, "value": value}
        for field, value in block["training_accepted_by_field"].items()
    ]
    services_ = [
        {"label": CollectiveServiceKind(kind).label, **line}
        for kind, line in block["collective_services"]["by_service"].items()
    ]
    return {
        "rate": rate(block["acceptance_rate"]),
        "kind_lines": kinds,
        "sex_lines": sexes,
        "field_lines": fields,
        "training_accepted": sum(block["training_accepted_by_field"].values()),
        "service_lines": services_,
    }
