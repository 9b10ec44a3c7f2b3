"""Which canonical indicator an item's name means, and which result answers which target.

Order of evidence, strongest first: what a user confirmed (the match memory), an exact alias of the
catalogue, a fuzzy match to an alias (character-bigram Dice, refused when one name carries a
distinguishing word such as 季度 or 高于 that the other lacks), and — for indicators the catalogue
does not know — a fuzzy match between the target's and the result's own names. The memory is a
small JSON (or YAML) file a person can read, so a wrong automatic match is fixed once, not every run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from luoshi.model import Commitment
from luoshi.reconcile.catalogue import Catalogue
from luoshi.reconcile.units import UnitInfo, comparable, same_scale, unit_info


def bigrams(s: str) -> Counter[str]:
    return Counter(s[i : i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter(s)


def dice(a: str, b: str) -> float:
    """Character-bigram Dice similarity (the measure the gold scorer uses for indicator names).

    >>> round(dice("生产总值增长", "生产总值增速"), 2), dice("", "")
    (0.8, 0.0)
    """
    ba, bb = bigrams(a), bigrams(b)
    total = sum(ba.values()) + sum(bb.values())
    return 2 * sum((ba & bb).values()) / total if total else 0.0


@dataclass
class MatchMemory:
    """Confirmed or corrected matches: normalised indicator text -> indicator id (None: never match).

    The id may be a catalogue id or any string of the user's (``my:新建口袋公园``): mapping a
    target's name and a result's name to the same string pairs them. Keys are stored normalised,
    so 全省地区生产总值增长 and 地区生产总值增长 share one entry.
    """

    path: Path | None = None
    matches: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None) -> MatchMemory:
        """The memory at ``path`` (empty when the file does not exist yet)."""
        if path is None:
            return cls()
        p = Path(path)
        if not p.exists():
            return cls(path=p)
        text = p.read_text(encoding="utf-8")
        data = (yaml.safe_load(text) if p.suffix in (".yaml", ".yml") else json.loads(text or "{}")) or {}
        matches = data.get("matches", {}) if isinstance(data, dict) else {}
        if not isinstance(matches, dict):
            raise ValueError(f"{p}: `matches` must be a mapping of indicator text to id")
        return cls(path=p, matches={str(k): (None if v is None else str(v)) for k, v in matches.items()})

    def lookup(self, normalised: str) -> tuple[bool, str | None]:
        """(found, id): found is False when the user never said anything about this name."""
        return (normalised in self.matches, self.matches.get(normalised))

    def remember(self, text: str, indicator_id: str | None, catalogue: Catalogue) -> str:
        """Record a confirmation or correction; returns the normalised key it is stored under."""
        key = catalogue.normalise(text)
        self.matches[key] = indicator_id
        return key

    def save(self, path: str | Path | None = None) -> None:
        p = Path(path) if path else self.path
        if p is None:
            raise ValueError("match memory has no path to save to")
        p.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": 1, "matches": dict(sorted(self.matches.items()))}
        if p.suffix in (".yaml", ".yml"):
            p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            p.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def qualifies(a: str, b: str) -> bool:
    """True when one name has words in front of where the other starts: 海洋生产总值增长 narrows
    生产总值增长 (Chinese puts the narrowing words first), it is not another spelling of it. Fillers
    are stripped before this is asked, so what is left in front changes what is measured.

    >>> qualifies("海洋生产总值增长", "生产总值增长率"), qualifies("居民消费价格指数上涨幅度", "居民消费价格上涨幅度")
    (True, False)
    """
    return any(len(y) >= 2 and x.find(y[:2]) > 0 for x, y in ((a, b), (b, a)))


@dataclass(frozen=True)
class Resolution:
    """What an item's indicator name was taken to mean, and why (shown in every output row)."""

    id: str | None
    method: str  # memory | alias | fuzzy | rejected | none
    score: float
    normalised: str
    qualifier: str = ""  # a word the catalogue allows on this indicator (年末, 同口径), or the scope of a rank


RANK_SUFFIX = ":rank"


def rank_id(indicator_id: str, scope: str) -> str:
    """The id of an indicator's rank: ``gdp:rank`` (全国), ``gdp:rank:世界`` for another scope."""
    return f"{indicator_id}{RANK_SUFFIX}" + (f":{scope}" if scope and scope != "全国" else "")


def resolve(name: str, unit: UnitInfo | None, catalogue: Catalogue, memory: MatchMemory | None = None) -> Resolution:
    """The canonical id for ``name`` measured in ``unit`` (None when nothing fits well enough).

    The unit takes part: 地区生产总值 in 元 is the level ``gdp``, in % it can only be growth. A
    name that is an alias but in a unit of another dimension still resolves (last), so the row shows
    the figure with 无法判断 rather than hiding it. A name carrying a word the catalogue allows on
    the indicator it names (年末城镇调查失业率, 一般公共预算收入同口径增长) resolves to it as
    ``qualified``; a rank (地区生产总值全国排名, in 位) resolves to the rank of the indicator its base
    names (``gdp:rank``).
    """
    n = catalogue.normalise(name)
    if memory is not None:
        found, remembered = memory.lookup(n)
        if found:
            return Resolution(remembered, "memory" if remembered else "rejected", 1.0, n)
    if unit is not None and unit.dimension == "rank":
        split = catalogue.normalise.split_rank(n)
        ids = catalogue.by_alias.get(split[0], ()) if split else ()
        if ids:  # only an exact alias: 进出口总额 is not 进出口总额增长, though the names are near
            return Resolution(rank_id(ids[0], split[1]), "alias", 1.0, n, split[1] or "全国")
    got = _resolve_name(n, unit, catalogue)
    if got.id is not None and got.method != "known":
        return got
    for word in catalogue.qualifier_words:
        if word in n and len(n) > len(word) + 1:
            bare = _resolve_name(catalogue.normalise(n.replace(word, "", 1)), unit, catalogue)
            ind = catalogue.get(bare.id) if bare.id else None
            if ind is not None and bare.method != "known" and any(catalogue.normalise(q) == word for q in ind.qualifiers):
                return Resolution(ind.id, "qualified", bare.score, n, word)
    if got.id is not None:  # the name is known but the unit is not its unit: pair it, the verdict says 无法判断
        return Resolution(got.id, "alias", 1.0, n)
    return got


def _resolve_name(n: str, unit: UnitInfo | None, catalogue: Catalogue) -> Resolution:
    """Catalogue lookup of a normalised name: alias, fuzzy, or ``known`` (an alias in a foreign unit)."""

    def fits(indicator_id: str) -> bool:
        ind = catalogue.get(indicator_id)
        return ind is not None and (unit is None or ind.unit == unit.dimension)

    aliased = catalogue.by_alias.get(n, ())
    exact = [i for i in aliased if fits(i)]
    if exact:
        return Resolution(exact[0], "alias", 1.0, n)
    marks = catalogue.normalise.marks(n)
    best: tuple[float, str] | None = None
    for alias, ids in catalogue.by_alias.items():
        if not fits(ids[0]) or catalogue.normalise.marks(alias) != marks or qualifies(n, alias):
            continue
        score = dice(n, alias)
        if score >= catalogue.fuzzy_threshold and (best is None or score > best[0]):
            best = (score, ids[0])
    if best:
        return Resolution(best[1], "fuzzy", round(best[0], 3), n)
    if aliased:
        return Resolution(aliased[0], "known", 1.0, n)
    return Resolution(None, "none", 0.0, n)


@dataclass(frozen=True)
class Resolved:
    """An item with its resolution and unit, computed once per item."""

    item: Commitment
    resolution: Resolution
    unit: UnitInfo | None
    period: frozenset[str] = frozenset()  # multi-year marks (累计, 年均...) in its name or text


def resolve_items(items: Sequence[Commitment], catalogue: Catalogue, memory: MatchMemory | None = None) -> list[Resolved]:
    out = []
    for it in items:
        u = unit_info(it.unit, catalogue.same_count_units)
        # a rank held 连续37年 is still this year's rank: ranks carry no multi-year mark
        period = frozenset() if u is not None and u.dimension == "rank" else \
            catalogue.normalise.period_marks(it.indicator, it.text)
        out.append(Resolved(it, resolve(it.indicator, u, catalogue, memory), u, period))
    return out


@dataclass(frozen=True)
class Pairing:
    """The result chosen for a target, how, and the other candidates a person may want to check."""

    result: Resolved | None
    method: str = ""
    score: float = 0.0
    others: tuple[Resolved, ...] = ()


def best_result(target: Resolved, results: Sequence[Resolved], catalogue: Catalogue,
                scale: Decimal = Decimal(3)) -> Pairing:
    """The result that answers ``target`` (``Pairing(None)`` when the next report is silent).

    Candidates share the target's id, or — when neither side is in the catalogue — have names
    within ``pair_threshold``, the same distinguishing words and neither contained in the other.
    Either way they carry the same multi-year marks (累计, 年均...). Among candidates: a comparable
    unit first, then a quantity on the target's scale (within ``scale`` times: not a five-year
    total), then the same qualifier as the target (a plain figure before 年末…, 同口径…), then the
    identical name, then the most similar name, then the earliest in the text (the headline figure
    comes before a breakdown).
    """
    t = target.resolution
    tmarks = catalogue.normalise.marks(t.normalised)
    scored: list[tuple[tuple, Resolved, str, float]] = []
    for r in results:
        if r.period != target.period:
            continue
        sim = dice(t.normalised, r.resolution.normalised)
        if t.id is not None:
            if r.resolution.id != t.id:
                continue
            methods = {t.method, r.resolution.method}
            method = next((m for m in ("qualified", "fuzzy", "memory") if m in methods), "alias")
            if RANK_SUFFIX in t.id:
                method = "rank"
            score = min(t.score, r.resolution.score)
        else:
            if t.method == "rejected" or r.resolution.id is not None or qualifies(t.normalised, r.resolution.normalised):
                continue
            if sim < catalogue.pair_threshold or catalogue.normalise.marks(r.resolution.normalised) != tmarks:
                continue
            method, score = ("name" if sim == 1.0 else "fuzzy"), round(sim, 3)
        key = (comparable(target.unit, r.unit),
               same_scale(target.item.value, target.unit, r.item.value, r.unit, scale),
               r.resolution.qualifier == t.qualifier, r.resolution.normalised == t.normalised, sim, -r.item.start)
        scored.append((key, r, method, score))
    if not scored:
        return Pairing(None)
    scored.sort(key=lambda x: x[0], reverse=True)
    _, r, method, score = scored[0]
    others = tuple(o for _, o, _, _ in scored[1:] if (o.item.value, o.item.unit) != (r.item.value, r.item.unit))
    return Pairing(r, method, score, others)
