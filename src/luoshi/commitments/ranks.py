"""Figures written without a plain number: ranks (居全国第8位, 稳居全国前十强), multiples (翻一番)
and shares in words (超过全球一半). "与上年持平" states no figure and is not read as 0%: annotators
following the schema leave it out.

A rank or share needs its scope (全国, 中部, 世界, 全球) for the indicator, so each is read by its
own rule rather than as a number followed by a unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from luoshi.commitments.lexicon import lexicon
from luoshi.grammar.numbers import NumberError, parse_number
from luoshi.grammar.quantities import Quantity
from luoshi.grammar.tables import load

_NUM = r"\d+|[一二三四五六七八九十]+"
# Counters after 第N that make it an ordinal (第一届, 第三次, 第二批).
_COUNTERS = frozenset("届次批个期轮季年项条款章节号")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    lx = lexicon()
    first = "|".join(re.escape(w) for w in sorted(lx.rank_words, key=len, reverse=True))
    rank = re.compile(
        rf"(?:(?P<verb>{lx.rank_verbs})(?P<mid>均|连续[\d一二三四五六七八九十]+年|继续|仍)?(?P<scope>{lx.rank_scopes})?"
        rf"|(?P<bare_scope>{lx.rank_scopes})(?=第)|(?=第(?:{_NUM})[位名]))"
        rf"(?P<mid2>[^，。；、\d\n]{{0,6}}?)"
        rf"(?:第(?P<n>{_NUM})(?:位|名)?|(?P<first>{first})|前(?P<top>{_NUM})(?:强|位|名)?)"
    )
    fan = re.compile(r"翻(?P<n>一|两|二|三|四)?番")
    return rank, fan


@lru_cache(maxsize=1)
def _change_pattern() -> re.Pattern:
    verbs = "|".join(map(re.escape, load("cues")["rank_change_verbs"]))
    return re.compile(rf"(?:{verbs})了?(?P<nums>(?:{_NUM})(?:位?、(?:{_NUM}))*)个?位(?![于置列数])")


def _rank_changes(text: str):
    """排名上升1位, 分别上升54、52、39位: one figure per number, its verb left to the indicator."""
    for m in _change_pattern().finditer(text):
        nums = list(re.finditer(_NUM, m.group("nums")))
        base = m.start("nums")
        for i, n in enumerate(nums):
            try:
                value = parse_number(n.group(0))
            except NumberError:
                break
            pos = base + n.start()
            end = m.end() if i == len(nums) - 1 else base + n.end()
            if text.startswith("位", end):
                end += 1
            yield Quantity(start=pos, end=end, num_start=pos, value=value, value_max=None, unit="位",
                           comparator="exact", qualifier=None, raw_value=n.group(0), chinese=not n.group(0).isdigit(),
                           rule="rank_change"), None


def _shares(text: str):
    """超过全球一半 -> 50 %, with the scope the share is of."""
    share, share_words = _share_pattern()
    for m in share.finditer(text):
        pre = m.group("pre")
        spec = lexicon().prefix_qualifiers.get(pre or "", {})
        q = Quantity(start=m.start(), end=m.end(), num_start=m.start("w"), value=Decimal(share_words[m.group("w")]),
                     value_max=None, unit="%", comparator=spec.get("comparator", "exact"), qualifier=pre,
                     raw_value=m.group("w"), chinese=True, rule="share")
        yield q, m.group("scope")


@lru_cache(maxsize=1)
def _share_pattern() -> tuple[re.Pattern, dict[str, int]]:
    lx = lexicon()
    words = load("numerals")["share_words"]
    pre = "|".join(sorted(("超过", "超", "近", "约", "接近", "逾"), key=len, reverse=True))
    rx = re.compile(rf"(?P<pre>{pre})?(?P<scope>{lx.rank_scopes})的?(?P<w>{'|'.join(map(re.escape, words))})")
    return rx, words


def _over_half(text: str):
    """一期建设过半 -> 50 %, min (not 时间过半、任务过半)."""
    spec = load("numerals")["over_half"]
    rx = re.compile("|".join(map(re.escape, sorted(spec["words"], key=len, reverse=True))))
    for m in rx.finditer(text):
        if text[max(0, m.start() - 2):m.start()] in spec["not_after"]:
            continue
        q = Quantity(start=m.start(), end=m.end(), num_start=m.start(), value=Decimal(50), value_max=None, unit="%",
                     comparator="min", qualifier=spec["qualifiers"][m.group(0)], raw_value=m.group(0), chinese=True,
                     rule="share")
        yield q, None


def _slash_fractions(text: str):
    """占全省1/4 -> 25 %, 覆盖2/3以上行政村 -> 66.67 % min, 占全省的近1/8 -> 12.5 % approx.

    Written shares as a/b with a < b (a silver report, 河池, 驻马店 2007, national 1999); 2023/2024
    (a season) and 24/7 are not fractions. Full-width ／ is folded to / before this.
    """
    spec = load("numerals")["slash_fraction"]
    lx = lexicon()
    pre = "|".join(sorted(spec["prefixes"], key=len, reverse=True))
    post = "|".join(sorted(lx.suffix_qualifiers, key=len, reverse=True))
    rx = re.compile(rf"(?:(?P<scope>{lx.rank_scopes})的?)?(?P<pre>{pre})?(?<![\d./])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?![\d/])(?P<post>{post})?")
    for m in rx.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not 0 < a < b <= spec["max_denominator"]:
            continue
        if not m.group("post") and "\u4e00" <= text[m.end():m.end() + 1] <= "\u9fff":
            continue  # 减少1/3行政审批事项的目标: the share names the goal's object (not 覆盖2/3以上行政村)
        comparator, qualifier = "exact", None
        if m.group("pre"):
            comparator, qualifier = lx.prefix_qualifiers[m.group("pre")]["comparator"], m.group("pre")
        if m.group("post"):
            comparator, qualifier = lx.suffix_qualifiers[m.group("post")]["comparator"], m.group("post")
        value = (Decimal(a) * 100 / Decimal(b)).quantize(Decimal("0.01")).normalize()
        q = Quantity(start=m.start(), end=m.end(),
                     num_start=m.start("a"), value=value, value_max=None, unit="%", comparator=comparator,
                     qualifier=qualifier, raw_value=m.group("a") + "/" + m.group("b"), chinese=False, rule="share")
        yield q, m.group("scope")


def _top_lists(text: str):
    """进入全国先进制造业城市60强, 跃升至全国沿海集装箱港口前10强: a place within the top N, 位, max.

    The list's name is the scope. Not when a count in the clause is what entered (3家企业入选全省
    制造业20强), nor inside a quoted list name (“中国企业500强”).
    """
    spec = load("cues")["top_lists"]
    verbs = "|".join(map(re.escape, sorted(spec["verbs"], key=len, reverse=True)))
    rx = re.compile(rf"(?:{verbs})(?P<scope>[^，。；、\d\n“”]{{1,16}}?)(?P<pre>前)?(?P<n>\d+)强(?=[，。；;、]|$)")
    for m in rx.finditer(text):
        clause = re.split(r"[，。；;：:]", text[max(0, m.start() - 30):m.start()])[-1]
        if re.search(r"\d+[家个户所项]", clause) or any(w in clause for w in spec["many"]):
            continue  # 3家企业入选…20强, 推动更多企业进入…500强: many entered, none is ranked
        q = Quantity(start=m.start(), end=m.end(), num_start=m.start("n"), value=Decimal(m.group("n")), value_max=None,
                     unit="位", comparator="max", qualifier=m.group("pre") or "强", raw_value=m.group("n"),
                     chinese=False, rule="rank")
        yield q, m.group("scope").removesuffix("的")


def _halved(text: str):
    """人员编制总数减少一半 -> 50 %: a cut by half, said without a scope (national 1999, 2003, 2016, 2018)."""
    spec = load("numerals")["halved"]
    verbs = "|".join(map(re.escape, sorted(spec["verbs"], key=len, reverse=True)))
    for m in re.finditer(rf"(?:{verbs})(?P<w>{'|'.join(map(re.escape, spec['words']))})", text):
        q = Quantity(start=m.start(), end=m.end(), num_start=m.start("w"), value=Decimal(spec["words"][m.group("w")]),
                     value_max=None, unit="%", comparator="exact", qualifier=None, raw_value=m.group("w"),
                     chinese=True, rule="share")
        yield q, None


def scan_ranks(text: str) -> list[tuple[Quantity, str | None]]:
    """Rank, multiple and share (超过全球一半) quantities, each with its scope word (or None)."""
    rank, fan = _patterns()
    words = lexicon().rank_words
    out: list[tuple[Quantity, str | None]] = [*_shares(text), *_rank_changes(text), *_over_half(text), *_halved(text), *_slash_fractions(text), *_top_lists(text)]
    for m in rank.finditer(text):
        try:
            if m.group("n"):
                value, key = parse_number(m.group("n")), "n"
                comparator, qualifier = "exact", None
            elif m.group("top"):
                value, key = parse_number(m.group("top")), "top"
                comparator, qualifier = "max", "前"
            else:
                value, key = Decimal(words[m.group("first")]), "first"
                comparator, qualifier = "exact", None
        except NumberError:
            continue
        # 增速全国第3: a scope right before 第N will do; 测评第一名: so does 位/名 after it
        scope = m.group("scope") or m.group("bare_scope")
        if text.startswith(tuple(load("cues")["rank_tiers"]), m.end()):
            continue  # 增速跻身全省第一方阵 (毕节, 济宁, 驻马店 2020): a tier, not a place
        after = text[m.end():m.end() + 1]
        if not (m.group("verb") or scope) and "\u4e00" <= after <= "\u9fff" and after != "的":
            continue  # 第三位代表: an ordinal before a noun
        if key == "n" and not m.group(0).endswith(("位", "名")) and (
            after in _COUNTERS or not (scope or m.group("mid")) and "\u4e00" <= after <= "\u9fff"
        ):
            continue  # 从第一届…, 第一梯队: an ordinal, not a rank (连续六年保持第一。 is one)
        num_start = m.start(key) - (1 if key == "top" else 0)
        q = Quantity(start=m.start(), end=m.end(), num_start=num_start, value=value, value_max=None,
                     unit="位", comparator=comparator, qualifier=qualifier, raw_value=m.group(0)[num_start - m.start():],
                     chinese=False, rule="rank")
        out.append((q, scope))
    for m in fan.finditer(text):
        n = m.group("n") or "一"
        q = Quantity(start=m.start(), end=m.end(), num_start=m.start(), value=parse_number(n), value_max=None,
                     unit="番", comparator="exact", qualifier=None, raw_value=m.group(0), chinese=True, rule="multiple")
        out.append((q, None))
    return out
