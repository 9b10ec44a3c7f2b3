"""Only the items that can resolve to one indicator, so a one-indicator comparison stays fast.

``luoshi.reconcile.compare`` resolves every item of every report (about 1 ms each: a fuzzy match
against every alias of the catalogue), then keeps the rows of one indicator. For 31 provinces that
is seconds per page. The rows of indicator X depend only on items that resolve to X (a target of X
pairs only with results of X; deduplication and the fallback result look at X's items only), so
passing just those gives the same rows. Which items *can* resolve to X is decided here by the
necessary conditions of ``luoshi.reconcile.matching.resolve``, each much cheaper than resolving:

- the match memory maps the normalised name to X, or
- the normalised name is an alias of X, or
- some alias of X is within the catalogue's fuzzy threshold (Dice) of the name, or
- the name carries a qualifier word (年末, 同口径) and, without it, is an alias of X or near one.

If ``resolve`` gains another route, add it here; the tests check the rows are the same with and
without this filter (``compare(..., prefilter=False)``).
"""

from __future__ import annotations

from collections.abc import Sequence

from luoshi.model import Commitment as Item
from luoshi.reconcile.catalogue import Catalogue
from luoshi.reconcile.matching import MatchMemory, dice

# Names repeat across reports and requests: remember the costly answers (normalised name, nearness
# to an indicator's aliases) per catalogue, within a bound.
_CACHE: dict[tuple, object] = {}
_CACHE_LIMIT = 200_000


def _cached(key: tuple, compute):
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = compute()
    return _CACHE[key]


def _size(s: str) -> int:
    """How many bigrams ``dice`` counts for ``s``."""
    return len(s) - 1 if len(s) > 1 else len(s)


def _aliases(catalogue: Catalogue, indicator_id: str) -> tuple[str, ...]:
    def compute() -> tuple[str, ...]:
        ind = catalogue.get(indicator_id)
        return tuple(sorted({catalogue.normalise(a) for a in (ind.name, *ind.aliases)})) if ind else ()

    return _cached(("aliases", id(catalogue), indicator_id), compute)


def _near(n: str, indicator_id: str, catalogue: Catalogue) -> bool:
    """Some alias of the indicator is within the fuzzy threshold of ``n`` (the length bound of Dice,
    2·min/(sum) of the bigram counts, rules most names out before any bigram is counted)."""
    threshold = catalogue.fuzzy_threshold

    def compute() -> bool:
        a_size = _size(n)
        for alias in _aliases(catalogue, indicator_id):
            b_size = _size(alias)
            if a_size + b_size and 2 * min(a_size, b_size) / (a_size + b_size) < threshold:
                continue
            if dice(n, alias) >= threshold:
                return True
        return False

    return _cached(("near", id(catalogue), n, indicator_id), compute)


def can_resolve_to(name: str, indicator_id: str, catalogue: Catalogue, memory: MatchMemory | None) -> bool:
    n = _cached(("norm", id(catalogue), name), lambda: catalogue.normalise(name))
    if memory is not None:
        found, remembered = memory.lookup(n)
        if found:
            return remembered == indicator_id
    if indicator_id in catalogue.by_alias.get(n, ()):
        return True
    # An alias of another indicator resolves there, or (in a unit that indicator does not have) by
    # a fuzzy match, or else back to that indicator: it reaches this one only by being near it, or
    # through a qualifier word the indicator allows (年末城镇调查失业率).
    if _near(n, indicator_id, catalogue):
        return True
    ind = catalogue.get(indicator_id)
    for word in catalogue.qualifier_words if ind is not None and ind.qualifiers else ():
        if word in n:
            bare = catalogue.normalise(n.replace(word, "", 1))
            if indicator_id in catalogue.by_alias.get(bare, ()) or _near(bare, indicator_id, catalogue):
                return True
    return False


def relevant_items(items: Sequence[Item] | None, indicator_id: str, catalogue: Catalogue,
                   memory: MatchMemory | None) -> list[Item] | None:
    """``items`` reduced to those that may resolve to ``indicator_id`` (None stays None: no report)."""
    if items is None:
        return None
    seen: dict[str, bool] = {}
    out = []
    for it in items:
        if it.indicator not in seen:
            seen[it.indicator] = can_resolve_to(it.indicator, indicator_id, catalogue, memory)
        if seen[it.indicator]:
            out.append(it)
    return out
