"""The canonical indicator catalogue (``data/zh/indicators.yaml``) and the name normalisation it uses.

A target says "地区生产总值增长5.5%左右" and next year's result "经济增长4.8%"; only a shared identity
lets us put them side by side. The identity lives in data (one commented YAML file) so that adding a
variant spelling is a one-line change reviewed like any other, and every rule about *names* is
applied the same way to aliases and to the text being looked up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

BETTER = ("higher", "lower", "neutral")
USUAL = ("approx", "min", "max", "exact")
DIRECTIONS = ("ceiling", "floor")
FIELDS = {"id", "name", "aliases", "unit", "better", "usual", "surplus", "direction", "qualifiers"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》·•]")
_ENUMERATOR = re.compile(r"^(?:[\u2460-\u2473\u2776-\u2793\u3251-\u325f]|[(（][一二三四五六七八九十\d]+[)）]"
                         r"|\d{1,2}[.、．](?=[\u4e00-\u9fff]))+")


@dataclass(frozen=True)
class Indicator:
    """One thing reports measure, however they spell it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    unit: str  # a dimension from units.yaml: percent, points, count, mass, money, area, ...
    better: str  # higher | lower | neutral
    usual: str  # approx | min | max | exact
    surplus: bool = True  # False: a guard rail, so beating it is 达成, never 超额
    direction: str | None = None  # ceiling | floor: its targets are one by nature, whatever the qualifier
    qualifiers: tuple[str, ...] = ()  # words (年末, 同口径) that leave a figure this indicator


@dataclass(frozen=True)
class Normaliser:
    """Turns an indicator name into the form names are compared in.

    >>> n = Normaliser(rewrites=(("地区生产总值", "生产总值"),), leading=("全省",), trailing=("平均",))
    >>> n("全省地区生产总值 增长"), n("城镇调查失业率平均")
    ('生产总值增长', '城镇调查失业率')
    """

    rewrites: tuple[tuple[str, str], ...] = ()
    cut_before: tuple[str, ...] = ()
    leading: tuple[str, ...] = ()
    trailing: tuple[str, ...] = ()
    distinguishing: tuple[re.Pattern[str], ...] = ()
    period: tuple[re.Pattern[str], ...] = ()
    rank: re.Pattern[str] | None = None  # a rank's name: base + scope + 排名 (地区生产总值全国排名)

    def __call__(self, name: str) -> str:
        s = _DROP.sub("", unicodedata.normalize("NFKC", _ENUMERATOR.sub("", (name or "").strip()))).upper()
        for old, new in self.rewrites:
            s = s.replace(old.upper(), new)
        for word in self.cut_before:
            at = s.rfind(word)
            if at >= 0 and len(s) - at - len(word) >= 2:
                s = s[at + len(word):]
        changed = True
        while changed and s:
            changed = False
            for word in self.leading:
                if s.startswith(word) and len(s) > len(word):
                    s, changed = s[len(word):], True
            for word in self.trailing:
                if s.endswith(word) and len(s) > len(word):
                    s, changed = s[: -len(word)], True
        return s

    def marks(self, normalised: str) -> frozenset[str]:
        """The distinguishing patterns a normalised name carries (季度, 高于, 同口径...)."""
        return frozenset(p.pattern for p in self.distinguishing if p.search(normalised))

    def split_rank(self, normalised: str) -> tuple[str, str] | None:
        """(base name, scope) of a rank's normalised name, or None when it is not a rank.

        >>> import re
        >>> n = Normaliser(rank=re.compile(r"^(?P<base>.+?)(?:连续\\d+年)?(?P<scope>全国|世界)?(?:排名|位次)$"))
        >>> n.split_rank("生产总值连续37年全国排名"), n.split_rank("城镇新增就业")
        (('生产总值', '全国'), None)
        """
        m = self.rank.match(normalised) if self.rank is not None else None
        return (m.group("base"), m.group("scope") or "") if m else None

    def period_marks(self, indicator: str, text: str) -> frozenset[str]:
        """The multi-year patterns (累计, 年均, 每年...) in an item's name or source text."""
        both = unicodedata.normalize("NFKC", f"{indicator} {text}")
        return frozenset(p.pattern for p in self.period if p.search(both))


@dataclass(frozen=True)
class Catalogue:
    """All canonical indicators plus the rules for comparing names.

    ``by_alias`` maps a *normalised* alias to the ids that carry it (one id unless the file is
    invalid; lookup still works and ``validate`` reports the clash).
    """

    indicators: tuple[Indicator, ...]
    normalise: Normaliser
    fuzzy_threshold: float = 0.75
    pair_threshold: float = 0.8
    same_count_units: tuple[frozenset[str], ...] = ()
    by_alias: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    qualifier_words: tuple[str, ...] = field(default=(), compare=False)  # every indicator's, longest first

    def __post_init__(self) -> None:
        words = {self.normalise(q) for ind in self.indicators for q in ind.qualifiers}
        object.__setattr__(self, "qualifier_words", tuple(sorted(words, key=lambda w: (-len(w), w))))
        index: dict[str, list[str]] = {}
        for ind in self.indicators:
            for alias in (ind.name, *ind.aliases):
                ids = index.setdefault(self.normalise(alias), [])
                if ind.id not in ids:
                    ids.append(ind.id)
        self.by_alias.update({k: tuple(v) for k, v in index.items()})

    def get(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def find(self, id_or_name: str) -> Indicator | None:
        """An indicator by id, or by any of its names (for ``--indicator 城镇新增就业``)."""
        found = self.get(id_or_name)
        if found:
            return found
        ids = self.by_alias.get(self.normalise(id_or_name), ())
        return self.get(ids[0]) if ids else None


def _load_yaml(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        text = resources.files("luoshi").joinpath("data/zh/indicators.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def catalogue_from_data(data: dict[str, Any]) -> Catalogue:
    """Build a catalogue from the parsed YAML (call ``validate_catalogue_data`` first for a message
    that names the bad entry; this function trusts its input)."""
    norm = data.get("normalisation") or {}
    normaliser = Normaliser(
        rewrites=tuple((str(a), str(b)) for a, b in norm.get("rewrites") or ()),
        cut_before=tuple(norm.get("cut_before") or ()),
        leading=tuple(norm.get("leading_fillers") or ()),
        trailing=tuple(norm.get("trailing_fillers") or ()),
        distinguishing=tuple(re.compile(p) for p in norm.get("distinguishing") or ()),
        period=tuple(re.compile(p) for p in norm.get("period_marks") or ()),
        rank=re.compile(norm["rank"]) if norm.get("rank") else None,
    )
    indicators = tuple(
        Indicator(id=e["id"], name=e["name"], aliases=tuple(e.get("aliases") or ()), unit=e["unit"],
                  better=e["better"], usual=e.get("usual", "exact"), surplus=bool(e.get("surplus", True)),
                  direction=e.get("direction"), qualifiers=tuple(e.get("qualifiers") or ()))
        for e in data.get("indicators") or ()
    )
    return Catalogue(indicators=indicators, normalise=normaliser,
                     fuzzy_threshold=float(norm.get("fuzzy_threshold", 0.75)),
                     pair_threshold=float(norm.get("pair_threshold", 0.8)),
                     same_count_units=tuple(frozenset(g) for g in norm.get("same_count_units") or ()))


@cache
def _default_catalogue() -> Catalogue:
    return catalogue_from_data(_load_yaml(None))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The packaged catalogue (cached), or one from ``path`` for a user's own indicator list."""
    if path is None:
        return _default_catalogue()
    return catalogue_from_data(_load_yaml(path))


def validate_catalogue_data(data: dict[str, Any]) -> list[str]:
    """Every problem in a parsed catalogue file, one message each; empty when it is valid.

    Checked: required fields and their types, known ``better``/``usual`` values, ids unique and
    ASCII, and no alias (after normalisation) shared by two entries — a shared alias would make
    pairing depend on file order.
    """
    errors: list[str] = []
    entries = data.get("indicators")
    if not isinstance(entries, list) or not entries:
        return ["`indicators` must be a non-empty list"]
    norm = data.get("normalisation") or {}
    for key in ("rewrites", "cut_before", "leading_fillers", "trailing_fillers", "distinguishing", "period_marks"):
        if not isinstance(norm.get(key, []), list):
            errors.append(f"normalisation.{key} must be a list")
    for key in ("distinguishing", "period_marks"):
        for pattern in norm.get(key) or ():
            try:
                re.compile(pattern)
            except re.error as e:
                errors.append(f"normalisation.{key}: bad pattern {pattern!r}: {e}")
    if norm.get("rank") is not None:
        try:
            groups = re.compile(norm["rank"]).groupindex
            if not {"base", "scope"} <= set(groups):
                errors.append("normalisation.rank must have the groups (?P<base>...) and (?P<scope>...)")
        except (re.error, TypeError) as e:
            errors.append(f"normalisation.rank: bad pattern {norm['rank']!r}: {e}")
    if errors:
        return errors
    seen_ids: set[str] = set()
    for n, e in enumerate(entries):
        where = f"indicators[{n}] ({e.get('id', '?') if isinstance(e, dict) else '?'})"
        if not isinstance(e, dict):
            errors.append(f"{where}: must be a mapping")
            continue
        unknown = set(e) - FIELDS
        if unknown:
            errors.append(f"{where}: unknown fields {sorted(unknown)}")
        for key in ("id", "name", "unit", "better"):
            if not isinstance(e.get(key), str) or not e.get(key):
                errors.append(f"{where}: `{key}` is required and must be a string")
        if not isinstance(e.get("aliases", []), list) or not all(isinstance(a, str) for a in e.get("aliases", [])):
            errors.append(f"{where}: `aliases` must be a list of strings")
        if isinstance(e.get("id"), str):
            if not _ID.match(e["id"]):
                errors.append(f"{where}: id must be lower-case ASCII (a-z, 0-9, _)")
            if e["id"] in seen_ids:
                errors.append(f"{where}: duplicate id")
            seen_ids.add(e["id"])
        if e.get("better") not in BETTER:
            errors.append(f"{where}: `better` must be one of {BETTER}")
        if e.get("usual", "exact") not in USUAL:
            errors.append(f"{where}: `usual` must be one of {USUAL}")
        if not isinstance(e.get("surplus", True), bool):
            errors.append(f"{where}: `surplus` must be true or false")
        direction = e.get("direction")
        if direction is not None and direction not in DIRECTIONS:
            errors.append(f"{where}: `direction` must be one of {DIRECTIONS}")
        if direction == "ceiling" and e.get("better") != "lower":
            errors.append(f"{where}: a ceiling by nature needs `better: lower`")
        if direction == "floor" and e.get("better") != "higher":
            errors.append(f"{where}: a floor by nature needs `better: higher`")
        if not isinstance(e.get("qualifiers", []), list) or not all(isinstance(q, str) and q
                                                                     for q in e.get("qualifiers", [])):
            errors.append(f"{where}: `qualifiers` must be a list of words")
    if errors:
        return errors
    cat = catalogue_from_data(data)
    for alias, ids in cat.by_alias.items():
        if len(ids) > 1:
            errors.append(f"alias {alias!r} (normalised) belongs to several indicators: {', '.join(ids)}")
        if not alias:
            errors.append(f"an alias of {ids[0]} normalises to the empty string")
    return errors
