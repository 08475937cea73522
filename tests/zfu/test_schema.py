"""The JSON input: one clear French message per problem, all of them at once."""

from datetime import date
from decimal import Decimal

import pytest

from maillage.zfu.facts import ActivityKind
from maillage.zfu.rules import simulate
from maillage.zfu.schema import InvalidInput, parse_facts, simulation_to_json
from tests.zfu.builders import a_company, json_input


def errors_of(data) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        parse_facts(data)
    return raised.value.errors


def test_a_valid_input_gives_the_facts():
    facts = parse_facts(json_input())
    assert facts == a_company()  # the same bakery, NAF normalised, defaults applied


def test_optional_keys_take_their_defaults():
    data = json_input(sedentary_activity=False, zone_turnover_share_percent=30.5)
    del data["fiscal_years"], data["company_name"]
    facts = parse_facts(data)
    assert facts.fiscal_years == ()
    assert facts.zone_turnover_share == Decimal("30.5")
    assert facts.sedentary_fte_in_zone == Decimal(0)
    assert facts.activity_kind is ActivityKind.CRAFT
    assert facts.installation_date == date(2016, 3, 1)


def test_not_an_object():
    assert errors_of([1, 2]) == ["L'entrée doit être un objet JSON ({…})."]


def test_every_problem_is_reported_with_its_key():
    data = json_input(
        naf_code="ABC",
        activity_kind="agricole",
        installation_date="01/03/2016",
        employees=-1,
        turnover_eur=12.5,
        large_firms_capital_share_percent=120,
        sedentary_activity="oui",
        surprise=1,
    )
    assert errors_of(data) == [
        "surprise : clé inconnue.",
        "naf_code : code NAF invalide (exemple : 47.11F ou 4711F).",
        "activity_kind : valeurs possibles : "
        "industrielle, commerciale, artisanale, liberale, autre.",
        "installation_date : date attendue au format AAAA-MM-JJ.",
        "sedentary_activity : doit valoir true ou false.",
        "employees : doit être supérieur ou égal à 0.",
        "turnover_eur : doit être un nombre entier.",
        "large_firms_capital_share_percent : doit être compris entre 0 et 100.",
    ]


def test_missing_keys():
    errors = errors_of({"naf_code": "47.11F"})
    assert "employees : valeur obligatoire manquante." in errors
    assert "installation_date : valeur obligatoire manquante." in errors
    assert not any(e.startswith("fiscal_years") for e in errors)


def test_fiscal_year_problems():
    good = json_input()["fiscal_years"][0]
    data = json_input(
        fiscal_years=[
            good,
            good | {"resident_employees": 2, "qualifying_employees": 1, "year": 2},
            good | {"year": 0, "profit_eur": "10"},
            {"year": 3},
            "année 4",
            good,
        ]
    )
    errors = errors_of(data)
    assert "fiscal_years[1].resident_employees : ne peut pas dépasser qualifying_employees." in (
        errors
    )
    assert "fiscal_years[2].year : doit être supérieur ou égal à 1." in errors
    assert "fiscal_years[2].profit_eur : doit être un nombre entier." in errors
    assert "fiscal_years[3].profit_eur : valeur obligatoire manquante." in errors
    assert "fiscal_years[4] : doit être un objet JSON." in errors
    assert "fiscal_years : l'exercice 1 apparaît plusieurs fois." in errors


def test_booleans_are_not_numbers():
    errors = errors_of(json_input(employees=True, large_firms_capital_share_percent=False))
    assert errors == [
        "employees : doit être un nombre entier.",
        "large_firms_capital_share_percent : doit être un nombre.",
    ]


def test_a_loss_is_a_negative_profit():
    year = json_input()["fiscal_years"][0] | {"profit_eur": -12000}
    assert parse_facts(json_input(fiscal_years=[year])).fiscal_years[0].profit == -12000


def test_output_uses_plain_json_types():
    output = simulation_to_json(simulate(a_company()))
    assert output["reference"] == "CGI art. 44 octies A"
    assert output["eligibility"]["verdict"] == "eligible"
    assert output["eligibility"]["label"] == "Éligible"
    assert output["fiscal_years"][0] | {"hiring_clause": None, "explanation": None} == {
        "year": 1,
        "profit_eur": 30000,
        "rate_percent": 100,
        "exemptable_profit_eur": 30000,
        "cap_eur": 50000,
        "cap_applied": False,
        "exempt_profit_eur": 30000,
        "hiring_clause": None,
        "explanation": None,
        "reference": "CGI art. 44 octies A",
    }
    assert output["total_exempt_profit_eur"] == 30000
    assert output["local_shop"]["code"] == "local_shop"
