"""The Service Entreprises' figures, computed in SQL from the records.

- the funnel of a campaign by sourcing channel: for each stage of ``FUNNEL``,
  the candidacies that reached *at least* that stage (so the counts never grow
  along the funnel, whatever the order people were recorded in);
- the qualitative analysis of a campaign's hires;
- placements by channel and partner companies of a year (the ``companies``
  block of the annual report).

Partner companies of year Y come from ``companies.partners``: every module
registers its activity there (done interactions, placements, job offers,
campaigns, and the events, clauses and charter modules theirs).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q

from maillage.companies.partners import partner_companies
from maillage.plie.models import EntrySituation, EntrySituationCode
from maillage.recruitment.models import (
    FUNNEL,
    RANK,
    Campaign,
    Candidacy,
    Channel,
    JobOffer,
    Placement,
    PlacementChannel,
    Stage,
)

#: Column keys of the funnel table, in order.
FUNNEL_KEYS = [str(stage) for stage in FUNNEL]
#: Channels grouped as "Réseau" in the seed's global analysis (all but Pôle emploi's offer).
NETWORK_CHANNELS = [c for c in Channel.values if c != Channel.POLE_EMPLOI_OFFER]
LYON_POSTCODES = [f"6900{n}" for n in range(1, 10)]


def _funnel_aggregates() -> dict:
    return {key: Count("pk", filter=Q(reached__gte=RANK[key])) for key in FUNNEL_KEYS} | {
        "withdrawn": Count("pk", filter=Q(stage=Stage.WITHDRAWN))
    }


def funnels_by_channel(campaign_ids: list[int]) -> dict[int, list[dict]]:
    """``{campaign_id: [row, …]}``, one row per channel present then "Réseau" and the total.

    One query whatever the number of campaigns and candidates.
    """
    rows = (
        Candidacy.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id", "channel")
        .annotate(**_funnel_aggregates())
        .order_by()
    )
    by_campaign: dict[int, dict[str, dict]] = {pk: {} for pk in campaign_ids}
    for row in rows:
        by_campaign[row["campaign_id"]][row["channel"]] = row
    labels = dict(Channel.choices)
    result = {}
    for pk, channels in by_campaign.items():
        table = []
        for channel in Channel.values:
            if channel in channels:
                table.append(_row(labels[channel], [channels[channel]]))
        network = [channels[c] for c in NETWORK_CHANNELS if c in channels]
        table.append(_row("Réseau (sous-total)", network, subtotal=True))
        table.append(_row("TOTAL", list(channels.values()), subtotal=True))
        result[pk] = table
    return result


def _row(label: str, rows: list[dict], subtotal: bool = False) -> dict:
    keys = [*FUNNEL_KEYS, "withdrawn"]
    return {
        "label": label,
        "subtotal": subtotal,
        "counts": [sum(r[k] for r in rows) for k in FUNNEL_KEYS],
        "withdrawn": sum(r["withdrawn"] for r in rows),
        **{k: sum(r[k] for r in rows) for k in keys},
    }


def recognised_disabled():
    """A hire recognised as a disabled worker (RQTH), as far as the data knows it.

    No person field holds the recognition yet: the one record of it is the PLIE
    entry situation ``th`` (travailleur handicapé). So the hire counts when the
    person entered a PLIE parcours with that situation on or before the hire.
    Candidates outside the PLIE are not known (see the lead's notes for the
    proposed ``Person`` field).
    """
    return Exists(
        EntrySituation.objects.filter(
            parcours__person=OuterRef("person_id"),
            parcours__entry_date__lte=OuterRef("hired_on"),
            code=EntrySituationCode.TH,
        )
    )


def hires_analysis(campaign: Campaign) -> dict:
    """The qualitative analysis of a campaign's hires, in one query.

    "Under 26" is measured on the campaign's opening date; RSA, Mission Locale
    and Garantie Jeunes come from the sourcing channel; RQTH from the PLIE
    entry situation (``recognised_disabled``).
    """
    limit = _years_before(campaign.opened_on, 26)
    hires = Candidacy.objects.filter(campaign=campaign, stage=Stage.HIRED)
    ml = [Channel.MISSION_LOCALE, Channel.GARANTIE_JEUNES]
    return hires.aggregate(
        hires=Count("pk"),
        lyon=Count("pk", filter=Q(person__postcode__in=LYON_POSTCODES)),
        under_26=Count("pk", filter=Q(person__birth_date__gt=limit)),
        rsa=Count("pk", filter=Q(channel=Channel.RSA)),
        rqth=Count("pk", filter=recognised_disabled()),
        mission_locale=Count("pk", filter=Q(channel__in=ml)),
        garantie_jeunes=Count("pk", filter=Q(channel=Channel.GARANTIE_JEUNES)),
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def placements_by_channel(year: int) -> dict[str, int]:
    counts = Placement.objects.of_year(year).aggregate(
        **{c: Count("pk", filter=Q(channel=c)) for c in PlacementChannel.values}
    )
    return {c: counts[c] for c in PlacementChannel.values}


def placement_companies(year: int):
    return Placement.objects.of_year(year).values("company_id")


def offer_companies(year: int):
    return JobOffer.objects.filter(published_on__year=year).values("company_id")


def campaign_companies(year: int):
    return Campaign.objects.filter(opened_on__year=year).values("company_id")


def campaigns_of_year(year: int) -> list[dict]:
    """Each campaign opened in ``year`` with the totals of its funnel."""
    campaigns = list(
        Campaign.objects.filter(opened_on__year=year).select_related("company").order_by("title")
    )
    funnels = funnels_by_channel([c.pk for c in campaigns])
    return [
        {
            "campaign": campaign,
            "total": funnels[campaign.pk][-1],
        }
        for campaign in campaigns
    ]


def companies_block(year: int) -> dict:
    """The annual report's ``companies`` block (Service Entreprises)."""
    by_channel = placements_by_channel(year)
    return {
        "partner_companies": partner_companies(year).count(),
        "placements": sum(by_channel.values()),
        "placements_by_channel": by_channel,
        "campaigns": [
            {
                "company": row["campaign"].company.name,
                "title": row["campaign"].title,
                **{key: row["total"][key] for key in [*FUNNEL_KEYS, "withdrawn"]},
            }
            for row in campaigns_of_year(year)
        ],
    }
