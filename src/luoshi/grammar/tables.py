"""Loading and validating the grammar's data tables (``luoshi/data/zh/*.yaml``).

The tables are read once per process; ``validate`` is what the schema test runs, so a typo in a
data file fails a test with the file and key named instead of silently matching nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

TABLES = ("numerals", "units", "qualifiers", "cues", "stoplist", "wording")
COMPARATORS = {"approx", "min", "max", "exact"}

# table -> key -> expected type (a tuple means "a dict whose values are dicts with these keys")
SCHEMA: dict[str, dict[str, Any]] = {
    "numerals": {"over_half": dict, "per_hundred_words": dict, "digits": dict, "places": dict, "sections": dict, "magnitudes": dict,
                 "bare_magnitudes": list, "share_words": dict, "halved": dict, "slash_fraction": dict},
    "units": {"units": dict, "compound": dict, "per_words": dict, "implied_by_noun": dict,
              "implied_by_indicator": dict, "parenthesised_alternatives": bool, "bare_ratio_nouns": list},
    "qualifiers": {"prefix": dict, "suffix": dict, "inner": dict, "comparative_prefixes": list,
                   "range_joiners": list, "fillers_leading": list, "linking_verbs": list, "measure_verbs": list, "split_comparatives": dict},
    "cues": {"review_headings": list, "strong_review_headings": list, "plan_headings": list, "result_openers": list, "plan_openers": list, "target_markers": list, "named_as_plan": list,
             "result_markers": list, "from_words": list, "to_words": list, "rank_scopes": list, "rank_words": dict, "top_lists": dict, "rank_tiers": list, "rank_change_verbs": list, "counted_batches": list, "beneficiary_markers": list, "beneficiary_verbs": list, "driving_verbs": list, "list_verb_chars": str, "plan_share": dict, "vague_rank_subjects": list, "vague_rank_whole": list, "example_leads": list, "not_example_list": dict, "page_counters": list, "region_short_stoplist": list, "ethnic_groups": list,
             "headings": list, "short_title_level": int, "short_title_max_chars": int, "furniture": list,
             "run_in_headings": list, "flattened_line_chars": int, "paragraph_openers": list, "target_intro": str,
             "subject_verbs": list, "relational_nouns": list, "change_modifiers": list, "pair_expansions": dict, "list_contractions": dict,
             "rank_verbs": list, "non_subjects": list, "generic_objects": list, "share_verbs": list,
             "region_names": list, "subject_blockers": list, "aspect_nouns": list,
             "action_verbs": list, "default_subjects": dict, "circumstance_heads": list},
    "stoplist": {"duration_heads": list, "vague_prefixes": list, "threshold_units": list, "name_suffixes": list, "slogans": list, "list_heads": list, "date_units": list, "policy_units": list, "line_things": list, "works_list_units": list, "capacity_units": list, "project_words": list, "works_lists": list, "ordinal_prefixes": list, "denominator_units": list, "capacity_prefixes": list, "capacity_measures": list, "policy_heads": list},
    "wording": {"not_target_prefixes": list, "not_target_suffixes": list, "explanation_openers": list,
                "min_clause_chars": int, "max_clause_chars": int, "target_fillers": list, "goals": dict,
                "negations": list, "ceiling_met": list, "no_figure_results": list, "measure_suffixes": list, "falling_verbs": list, "rising_verb": str, "outright_met": list, "outright_missed": list,
                "blanket": dict, "five_year_plans": dict, "period_statements": dict,
                "closing_intro": str, "closing_intro_veto": str},
}
# Keys a table may have, checked for their type when present: added by work in progress elsewhere
# (the reconcile rules) so that the schema test holds whether or not that work is committed yet.
OPTIONAL: dict[str, dict[str, Any]] = {"wording": {"partial_figure_prefixes": list, "partial_figures": dict,
                                                   "partial_investment": dict,
                                                   "subject_equivalents": dict}}


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed table ``name`` (one of ``TABLES``)."""
    if name not in TABLES:
        raise KeyError(f"unknown grammar table {name!r}; known: {', '.join(TABLES)}")
    text = resources.files("luoshi").joinpath("data", "zh", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def validate() -> list[str]:
    """Problems found in the data tables, as ``table: key: what is wrong`` lines (empty when fine)."""
    problems: list[str] = []
    for name in TABLES:
        try:
            data = load(name)
        except yaml.YAMLError as e:
            problems.append(f"{name}: not valid YAML: {e}")
            continue
        for key, typ in SCHEMA[name].items():
            if key not in data:
                problems.append(f"{name}: missing key {key!r}")
            elif not isinstance(data[key], typ):
                problems.append(f"{name}: {key}: expected {typ.__name__}, got {type(data[key]).__name__}")
        optional = OPTIONAL.get(name, {})
        for key in data:
            if key in optional:
                if not isinstance(data[key], optional[key]):
                    problems.append(f"{name}: {key}: expected {optional[key].__name__}, got {type(data[key]).__name__}")
            elif key not in SCHEMA[name]:
                problems.append(f"{name}: unexpected key {key!r}")
    units = load("units").get("units", {})
    seen: dict[str, str] = {}
    for unit, spec in units.items():
        if not isinstance(spec, dict) or "dimension" not in spec or "factor" not in spec:
            problems.append(f"units: {unit}: needs dimension and factor")
            continue
        for form in [unit, *spec.get("forms", [])]:
            if form in seen and seen[form] != unit:
                problems.append(f"units: form {form!r} belongs to both {seen[form]} and {unit}")
            seen[form] = unit
    q = load("qualifiers")
    for part in ("prefix", "suffix", "inner"):
        for word, spec in (q.get(part) or {}).items():
            if not isinstance(spec, dict) or spec.get("comparator") not in COMPARATORS:
                problems.append(f"qualifiers: {part}: {word}: comparator must be one of {sorted(COMPARATORS)}")
    for h in load("cues").get("headings", []):
        if not {"name", "level", "pattern"} <= set(h):
            problems.append(f"cues: headings: {h}: needs name, level and pattern")
    return problems
