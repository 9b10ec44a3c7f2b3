"""The indicator catalogue file is valid, and the validator catches what would break pairing."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from luoshi.reconcile import load_catalogue, validate_catalogue_data

DATA = yaml.safe_load(resources.files("luoshi").joinpath("data/zh/indicators.yaml").read_text(encoding="utf-8"))
UNIT_DIMENSIONS = {spec["dimension"] for spec in yaml.safe_load(
    resources.files("luoshi").joinpath("data/zh/units.yaml").read_text(encoding="utf-8"))["units"].values()}


def test_packaged_catalogue_is_valid() -> None:
    assert validate_catalogue_data(DATA) == []


def test_every_entry_has_id_names_unit_and_direction() -> None:
    for entry in DATA["indicators"]:
        assert {"id", "name", "aliases", "unit", "better"} <= set(entry), entry.get("id")


def test_every_unit_dimension_is_one_units_yaml_knows() -> None:
    assert {e["unit"] for e in DATA["indicators"]} <= UNIT_DIMENSIONS


def test_every_name_and_alias_resolves_to_its_own_entry() -> None:
    cat = load_catalogue()
    for ind in cat.indicators:
        for alias in (ind.name, *ind.aliases):
            assert cat.find(alias) is ind, alias


def test_the_headline_indicators_of_the_issue_are_there() -> None:
    cat = load_catalogue()
    for ident in ("gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "grain_output",
                  "registered_unemployment", "fiscal_revenue_growth", "income_growth", "fixed_investment_growth",
                  "retail_sales_growth", "trade_growth", "energy_intensity_reduction"):
        assert cat.get(ident) is not None, ident


def _broken(mutate) -> list[str]:
    data = copy.deepcopy(DATA)
    mutate(data)
    return validate_catalogue_data(data)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["indicators"][1].update(aliases=["GDP增长"]), "belongs to several indicators"),
    (lambda d: d["indicators"][1].update(id="gdp_growth"), "duplicate id"),
    (lambda d: d["indicators"][0].pop("better"), "`better` is required"),
    (lambda d: d["indicators"][0].update(better="up"), "`better` must be one of"),
    (lambda d: d["indicators"][0].update(usual="around"), "`usual` must be one of"),
    (lambda d: d["indicators"][0].update(id="GDP-growth"), "lower-case ASCII"),
    (lambda d: d["indicators"][0].update(colour="red"), "unknown fields"),
    (lambda d: d["indicators"][0].update(surplus="no"), "`surplus` must be true or false"),
    (lambda d: d["normalisation"]["distinguishing"].append("(unclosed"), "bad pattern"),
    (lambda d: d.update(indicators=[]), "non-empty list"),
])
def test_validator_names_what_is_wrong(mutate, message: str) -> None:
    errors = _broken(mutate)
    assert any(message in e for e in errors), errors


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["indicators"][0].update(direction="down"), "`direction` must be one of"),
    (lambda d: d["indicators"][0].update(direction="ceiling"), "a ceiling by nature needs `better: lower`"),
    (lambda d: _entry(d, "cpi").update(direction="floor"), "a floor by nature needs `better: higher`"),
    (lambda d: d["indicators"][0].update(qualifiers="年末"), "`qualifiers` must be a list of words"),
    (lambda d: d["indicators"][0].update(qualifiers=[""]), "`qualifiers` must be a list of words"),
    (lambda d: d["normalisation"].update(rank="(?P<base>.+)排名"), "must have the groups"),
])
def test_validator_checks_direction_qualifiers_and_the_rank_pattern(mutate, message: str) -> None:
    errors = _broken(mutate)
    assert any(message in e for e in errors), errors


def _entry(data: dict, ident: str) -> dict:
    return next(e for e in data["indicators"] if e["id"] == ident)


# The indicators the convention names as ceilings (or, for a cut of an intensity, floors) by nature.
@pytest.mark.parametrize(("ident", "direction"), [
    ("cpi", "ceiling"), ("retail_price", "ceiling"), ("surveyed_unemployment", "ceiling"),
    ("registered_unemployment", "ceiling"), ("deficit_ratio", "ceiling"),
    ("energy_intensity_reduction", "floor"), ("carbon_intensity_reduction", "floor"),
    ("gdp_growth", None), ("urban_new_jobs", None), ("m2_growth", None),
])
def test_ceilings_and_floors_by_nature(ident: str, direction: str | None) -> None:
    assert load_catalogue().get(ident).direction == direction
