"""What the demo PLIE is drawn to look like: the 2017 report's figures (seed p. 12-14).

``REPORT`` is the "Point d'étape sur le Protocole d'accord 2012-2017" table, one
column per year; ``REPORT_CUMULATIVE`` its "Cumul au 31/12/17" column. The demo
draws its history year by year so that ``maillage annual_report`` gives back
about these figures (``docs/demo.md`` shows both side by side). After 2017 the
report says nothing: ``targets_for`` continues with plausible figures (about 700
entries a year, as many exits, the 2017 rates).

The other distributions are the report's 2017 ones ("Le public", "Éléments de
situation à l'entrée", "Répartition des étapes", "Participants PLIE … par année
d'entrée"); where the report only shows a chart (the split by sex, the exits
by reason) the demo's choice is said next to the value.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class YearTargets:
    participants: int
    new_entrants: int
    qpv_share: float
    steps: int
    contracts: int
    #: "Pourcentage de participants devant réaliser une étape emploi".
    employment_step_share: float
    positive: int
    dropout: int
    administrative: int

    @property
    def exits(self) -> int:
        return self.positive + self.dropout + self.administrative

    @property
    def steps_per_participant(self) -> float:
        return self.steps / self.participants

    @property
    def contracts_per_participant(self) -> float:
        return self.contracts / self.participants


#: The report's table, year by year (positive exit rate = positive / all exits).
REPORT: dict[int, YearTargets] = {
    2012: YearTargets(2459, 720, 0.32, 5282, 2562, 0.62, 353, 272, 194),
    2013: YearTargets(2366, 728, 0.30, 5388, 2443, 0.58, 281, 240, 197),
    2014: YearTargets(2395, 747, 0.31, 5710, 2641, 0.57, 268, 234, 227),
    2015: YearTargets(2397, 740, 0.27, 5786, 2684, 0.57, 277, 233, 199),
    2016: YearTargets(2415, 728, 0.30, 5254, 2556, 0.58, 313, 184, 187),
    2017: YearTargets(2423, 705, 0.29, 5370, 2446, 0.58, 294, 163, 214),
}
#: Two rows as the report prints them (its rounding differs from the counts' by 0.01 or 1 %).
REPORT_PRINTED_STEPS_PER_PARTICIPANT = {
    2012: 2.15,
    2013: 2.27,
    2014: 2.38,
    2015: 2.41,
    2016: 2.18,
    2017: 2.22,
}
REPORT_PRINTED_POSITIVE_EXIT_RATE = {
    2012: 0.43,
    2013: 0.39,
    2014: 0.37,
    2015: 0.39,
    2016: 0.45,
    2017: 0.44,
}
#: "Cumul au 31/12/17". Its positive exit rate, 41 %, is the mean of the yearly rates;
#: its 1 546 dropouts are not the sum of the yearly ones (1 326).
REPORT_CUMULATIVE = {
    "participants": 6107,
    "new_entrants": 4368,
    "new_entrants_qpv_share": 0.30,
    "steps": 29623,
    "steps_per_participant": 4.85,
    "contracts": 12315,
    "employment_step_share": 0.71,
    "positive": 1786,
    "dropout": 1546,
    "administrative": 1218,
    "positive_exit_rate": 0.41,
}
#: 2017 figures the table does not hold.
REPORT_2017_CONTRACT_HOLDERS = 1408
REPORT_2017_MEAN_PATH_MONTHS = 22.96
#: Participants still in a parcours on 31/12/2017, by year of entry (%).
REPORT_2017_ACTIVE_BY_ENTRY_YEAR = {
    "before_2012": 3,
    "2012": 2,
    "2013": 5,
    "2014": 10,
    "2015": 17,
    "2016": 26,
    "2017": 37,
}
#: Situations at entry of the 2017 participants (%; cumulative, the sum exceeds 100).
ENTRY_SITUATIONS = {
    "th": 4,
    "young_unqualified": 7,
    "single_parent": 9,
    "other_exclusion": 17,
    "de_lt_1y": 27,
    "rsa": 42,
    "deld": 46,
}
#: The 2017 steps by category (%).
STEP_CATEGORIES = {
    "support": 8,
    "specific_service": 9,
    "complementary_action": 14,
    "training": 23,
    "employment_contract": 46,
}
#: Age brackets of the 2017 participants at entry (%), as in people.AGE_BRACKETS.
AGE_BRACKETS = {"<26": 6, "26-45": 61, "46-50": 13, ">50": 20}
#: Education levels (%), as in people.EDUCATION_LEVELS ("unknown": no value).
EDUCATION_LEVELS = {
    "1": 8,
    "2": 7,
    "3": 10,
    "4": 16,
    "5": 24,
    "5bis": 15,
    "6": 13,
    "foreign": 6,
    "unknown": 1,
}
#: Positive exits by reason (%). The report shows them as a chart only; the split
#: follows the protocol's objective (42 % employment + 8 % qualifying training).
POSITIVE_EXIT_REASONS = {
    "cdi": 30,
    "cdd_6m_plus": 40,
    "qualifying_training": 16,
    "business_creation": 6,
    "other_status": 8,
}

#: 2018: the protocol's last year (extended by an amendment), not in the report.
YEAR_2018 = YearTargets(2440, 690, 0.30, 5330, 2430, 0.58, 302, 168, 205)
#: From 2019 on: entries a year, and a stable number of people in a parcours.
LATER_NEW_ENTRANTS = 700
LATER_EXIT_SPLIT = (0.44, 0.25, 0.31)


def targets_for(year: int, rng_value: float = 0.5) -> YearTargets | None:
    """The targets of ``year`` (the report's up to 2017), None before 2012.

    After 2018, ``rng_value`` (in [0, 1)) makes the number of entries vary by
    ±5 %; exits then equal entries, so the PLIE keeps about 1 750 people in a
    parcours and 2 400 participants a year.
    """
    if year in REPORT:
        return REPORT[year]
    if year == 2018:
        return YEAR_2018
    if year < 2012:
        return None
    entrants = round(LATER_NEW_ENTRANTS * (0.95 + 0.1 * rng_value))
    positive, dropout = (round(entrants * share) for share in LATER_EXIT_SPLIT[:2])
    reference = REPORT[2017]
    participants = reference.participants
    return YearTargets(
        participants=participants,
        new_entrants=entrants,
        qpv_share=0.30,
        steps=round(participants * reference.steps_per_participant),
        contracts=round(participants * reference.contracts_per_participant),
        employment_step_share=reference.employment_step_share,
        positive=positive,
        dropout=dropout,
        administrative=entrants - positive - dropout,
    )
