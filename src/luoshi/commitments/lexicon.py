"""Word lists the commitment rules use, compiled once from the data tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.grammar.tables import load


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


@dataclass(frozen=True)
class Lexicon:
    fillers: tuple[str, ...]
    linking_verbs: tuple[str, ...]
    measure_verbs: tuple[str, ...]
    comparatives: tuple[str, ...]
    change_modifiers: tuple[str, ...]
    relational_nouns: frozenset[str]
    subject_cut: re.Pattern
    pair_expansions: dict[str, list[str]]
    rank_verbs: str
    rank_scopes: str
    rank_words: dict[str, int]
    target_markers: tuple[str, ...]
    result_openers: tuple[str, ...]
    plan_openers: tuple[str, ...]
    review_headings: tuple[str, ...]
    strong_review_headings: tuple[str, ...]
    plan_headings: tuple[str, ...]
    from_words: tuple[str, ...]
    to_words: tuple[str, ...]
    slogans: re.Pattern
    list_heads: tuple[str, ...]
    implied_by_noun: dict[str, str]
    implied_by_indicator: dict[str, str]
    prefix_qualifiers: dict[str, dict]
    suffix_qualifiers: dict[str, dict]
    non_subjects: frozenset[str]
    generic_objects: tuple[str, ...]
    share_verbs: tuple[str, ...]
    region_names: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    duration_heads: tuple[str, ...]
    subject_blockers: tuple[str, ...]
    aspect_nouns: tuple[str, ...]
    vague_prefixes: tuple[str, ...]
    action_verbs: tuple[str, ...]
    default_subjects: dict[str, str]
    threshold_units: frozenset[str]
    target_intro: re.Pattern
    policy_units: frozenset[str]
    line_things: tuple[str, ...]
    works_list_units: frozenset[str]
    works_list: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    q, c, s, u = load("qualifiers"), load("cues"), load("stoplist"), load("units")
    return Lexicon(
        fillers=_longest_first(q["fillers_leading"]),
        linking_verbs=_longest_first(q["linking_verbs"]),
        measure_verbs=_longest_first(q["measure_verbs"]),
        comparatives=_longest_first(q["comparative_prefixes"]),
        change_modifiers=_longest_first(c["change_modifiers"]),
        relational_nouns=frozenset(c["relational_nouns"]),
        subject_cut=re.compile(alternation(c["subject_verbs"])),
        pair_expansions=c["pair_expansions"],
        rank_verbs=alternation(c["rank_verbs"]),
        rank_scopes=alternation(c["rank_scopes"]),
        rank_words=c["rank_words"],
        target_markers=tuple(c["target_markers"]),
        result_openers=tuple(c["result_openers"]),
        plan_openers=tuple(c["plan_openers"]),
        review_headings=tuple(c["review_headings"]),
        strong_review_headings=tuple(c["strong_review_headings"]),
        plan_headings=tuple(c["plan_headings"]),
        from_words=tuple(c["from_words"]),
        to_words=_longest_first(c["to_words"]),
        slogans=re.compile("|".join(s["slogans"])),
        list_heads=_longest_first(s["list_heads"]),
        implied_by_noun=u["implied_by_noun"],
        implied_by_indicator=u["implied_by_indicator"],
        prefix_qualifiers=q["prefix"],
        suffix_qualifiers=q["suffix"],
        non_subjects=frozenset(c["non_subjects"]),
        generic_objects=_longest_first(c["generic_objects"]),
        share_verbs=_longest_first(c["share_verbs"]),
        region_names=_longest_first(c["region_names"]),
        name_suffixes=tuple(s["name_suffixes"]),
        duration_heads=tuple(s["duration_heads"]),
        subject_blockers=tuple(c["subject_blockers"]),
        aspect_nouns=_longest_first(c["aspect_nouns"]),
        vague_prefixes=tuple(s["vague_prefixes"]),
        action_verbs=_longest_first(c["action_verbs"]),
        default_subjects=c["default_subjects"],
        threshold_units=frozenset(s["threshold_units"]),
        target_intro=re.compile(c["target_intro"]),
        policy_units=frozenset(s["policy_units"]),
        line_things=_longest_first(s["line_things"]),
        works_list_units=frozenset(s["works_list_units"]),
        works_list=re.compile(rf"[^，。；]{{0,12}}?(?:{alternation(s['works_lists'])})"),  # 20项省定、6项市定民生实事
    )
