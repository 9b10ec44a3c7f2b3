"""What a figure measures: the indicator name, read from the words before (and after) it.

The indicator is the text of the figure's clause with fillers (今年, 力争, 确保), linking verbs
(达到, 保持在, 提高到) and qualifiers removed: ``全省地区生产总值增长设定为6%左右`` ->
``地区生产总值增长``. A clause that names no subject (``增长4.6%``, ``总量突破5万亿元``,
``居全国第8位``) borrows the subject of its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.commitments.lexicon import lexicon
from luoshi.grammar.tables import load

# Clause boundaries for the indicator: punctuation, line ends, list commas, joined quotations.
BOUNDARY = frozenset("，,。；;：:！？!?\n、")
QUOTES_OPEN = "“‘「『"
QUOTES_CLOSE = "”’」』"


@dataclass(frozen=True, slots=True)
class Fragment:
    start: int  # canonical offset where the indicator words start (after fillers)
    core: str  # indicator words, linking verb removed
    comparative: str | None  # 高于 / 快于 ... when the clause compares (高于全国0.3个百分点)
    from_word: bool  # the figure is the old value of 从X提高到Y / 由X增加到Y
    to_word: bool  # the fragment is only the "提高到" of such a construction
    raw: str = ""  # the words before the figure with fillers removed but the verb kept


_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))
_LEADING_YEAR = re.compile(r"(?:到|至|在)?(?:19|20)\d\d年(?:底|末)?[，,]?|\d{1,2}[.、．](?!\d)")
_CHANGE_BASE = re.compile(r"(?:比|较|同)(?:上年|去年|上一年|(?:19|20)\d\d年)(?:末|底|同期)?$")
_FROM_CHANGE = re.compile(r"(?:从|由)(?:上年|去年|上半年|年初|一季度|前三季度|(?:19|20)\d\d年(?:的)?)(?P<verb>下降|增长|减少|增加|上涨|回落)?$")
_TRAILING_YEAR = re.compile(  # not after a comparative: 比重高于上年3.5个百分点 compares with last year
    r"(?<!高于)(?<!低于)(?<!快于)(?<!慢于)"
    r"(?:(?:(?:19|20)\d\d年|去年|上年|今年|当年)(?:底|末)?(?:的)?|连续[\d一二三四五六七八九十]+年)$")


_LIST_JOIN = frozenset("和及与")


def _joins_figures(text: str, i: int) -> bool:
    """True at ``i`` when text[i] is 和/及/与 joining two figures (80项研发和60项项目)."""
    if i + 1 >= len(text) or text[i] not in _LIST_JOIN:
        return False
    nxt = text[i + 1]
    # 惠及近千万家庭, 参与超…: 及/与 end words too, so only a digit right after makes them joiners
    return nxt.isdigit() or (text[i] == "和" and nxt in "超近约每")


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at ``pos`` (never before ``floor``)."""
    i = pos
    while i > floor:
        c = text[i - 1]
        if c in BOUNDARY or _joins_figures(text, i - 1):
            break
        if c in QUOTES_OPEN and i - 2 >= floor and text[i - 2] in QUOTES_CLOSE:
            break
        i -= 1
    # a list's intro without its colon (主要预期目标是国内生产总值增长1O％, 驻马店 2003) is no part of the name;
    # an intro of one target names it (经济增长预期目标为7%左右) and stays
    lists = [m for m in lexicon().target_intro.finditer(text, i, pos) if "主要" in m.group(0)]
    return lists[-1].end() if lists else i


def strip_leading(s: str, words, *, whole: bool = False) -> tuple[str, int]:
    """Remove any sequence of ``words`` from the start; return the rest and how much went.

    A string that is nothing but such words is kept unless ``whole``.
    """
    removed = 0
    changed = True
    while changed and s:
        changed = False
        for w in words:
            if s.startswith(w) and (whole or len(s) > len(w)):
                s, removed, changed = s[len(w):], removed + len(w), True
                break
    return s, removed


def strip_trailing(s: str, words) -> str:
    changed = True
    while changed and s:
        changed = False
        for w in words:
            if s.endswith(w) and len(s) >= len(w):
                s, changed = s[: -len(w)], True
                break
    return s


def _balance_quotes(s: str) -> str:
    for o, c in zip(QUOTES_OPEN, QUOTES_CLOSE, strict=True):
        if s.startswith(o) and c not in s:
            s = s[1:]
        if s.endswith(o):
            s = s[:-1]
    return s.strip()


def read_fragment(text: str, start: int, end: int) -> Fragment:
    """Clean the words ``text[start:end]`` before a figure into an indicator fragment."""
    lx = lexicon()
    raw = text[start:end]
    stripped = raw.lstrip(" \t*-•·●◆■（(、" + _CIRCLED)
    while stripped[:1] in QUOTES_OPEN and stripped and QUOTES_CLOSE[QUOTES_OPEN.index(stripped[0])] not in stripped:
        stripped = stripped[1:]  # an opening quote whose closing one is after the figure
    if " " in stripped.strip():  # table-like lines: "数量和改善农村清洁能源 新增农村饮水能力8500万方"
        stripped = stripped.rstrip().rsplit(" ", 1)[-1]
    lead = len(raw) - len(stripped)
    core, removed = strip_leading(stripped, (*lx.fillers, *lx.region_names))
    core, removed2 = strip_leading(core, lx.fillers, whole=True)
    removed += removed2
    years = _LEADING_YEAR.match(core)
    if years and len(core) > years.end():
        core, removed = core[years.end():], removed + years.end()
    core = _TRAILING_YEAR.sub("", core.rstrip().rstrip("“‘「")).replace("了", "")
    if core.endswith("等"):  # 新增硬质合金等7个…: the examples go, the verb stays
        cut = max((core.rfind(v) + len(v) for v in lx.action_verbs if v in core), default=0)
        core = core[:cut]
    elif "等" in core:
        core = _drop_examples(core)
    if "在" in core and "下" in core:
        core = _circumstance().sub("", core)
    kept = core
    to_word = any(core == w or core.endswith(w) and len(core) <= len(w) + 2
                  or core.startswith(w) and core[len(w):] in lx.measure_verbs for w in lx.to_words)
    core = strip_trailing(core, [*lx.linking_verbs, *lx.prefix_qualifiers])
    core = _TRAILING_YEAR.sub("", core)
    from_word = core.endswith(lx.from_words)
    if from_word:
        core = core[:-1]
    else:
        m = _FROM_CHANGE.search(core)  # 工业企业利润由上年下降2.3%
        if m and m.start() > 0:
            from_word = True
            core = core[: m.start()] + (m.group("verb") or "")
    comparative = next((w for w in lx.comparatives if w in core), None) or split_comparative(core)
    return Fragment(start + lead + removed, _balance_quotes(core), comparative, from_word, to_word, kept)


@lru_cache(maxsize=1)
def _circumstance() -> re.Pattern:
    """在…的情况下 (``circumstance_heads`` in cues.yaml) inside a name, with the words it holds."""
    heads = "|".join(map(re.escape, load("cues")["circumstance_heads"]))
    return re.compile(rf"在[^，,。；;]{{2,30}}?的?(?:{heads})下")


def _drop_examples(core: str) -> str:
    """新开工通威四期等项目 -> 新开工项目: the examples before 等 go, the lead verb and the noun stay."""
    cues = load("cues")
    i = core.rfind("等")
    head, tail = core[:i], core[i + 1:]
    guard = cues["not_example_list"]
    if not tail or not head or head.endswith(tuple(guard["before"])) or tail.startswith(tuple(guard["after"])):
        return core
    leads = (*lexicon().action_verbs, *cues["example_leads"])
    cut = max((head.rfind(v) + len(v) for v in leads if v in head), default=0)
    return head[:cut] + tail if cut else core  # without a lead verb the examples are the subject


def change_part(core: str) -> tuple[str, str]:
    """Split ``国内生产总值比上年增长`` into subject ``国内生产总值`` and change ``比上年增长``."""
    lx = lexicon()
    rest, tail = core, ""
    changed = True
    while changed and rest:
        changed = False
        for w in (*lx.measure_verbs, *lx.change_modifiers):
            if rest.endswith(w):
                rest, tail, changed = rest[: -len(w)], w + tail, True
                break
        m = _CHANGE_BASE.search(rest)
        if m:
            rest, tail, changed = rest[: m.start()], m.group(0) + tail, True
    return rest, tail


def subject_of(indicator: str) -> str:
    """The subject an indicator lends to later figures (地区生产总值总量 -> 地区生产总值)."""
    subject = change_part(indicator)[0]
    # 地区生产总值三季度增长 lends 地区生产总值: a period is the figure's own, not the subject's
    stripped = strip_trailing(subject, lexicon().non_subjects)
    if len(stripped) >= 2:
        subject = stripped
    for noun in lexicon().aspect_nouns:
        if subject.endswith(noun) and len(subject) - len(noun) >= 2:
            return subject[: -len(noun)]
    return subject


@lru_cache(maxsize=1)
def _split_comparative_rx() -> re.Pattern:
    spec = load("qualifiers")["split_comparatives"]
    words = "|".join(sorted(map(re.escape, spec["words"]), key=len, reverse=True))
    scopes = "|".join(sorted(map(re.escape, spec["scopes"]), key=len, reverse=True))
    return re.compile(rf"(?:{'|'.join(spec['openers'])})(?:{scopes})(?:、(?:{scopes}))*(?:{'|'.join(spec['of'])})?"
                      rf"(?:分别)?(?:{words})$")


def split_comparative(core: str) -> str | None:
    """较全省高0.5个百分点, 比全国、全省分别高1.4、0.6个百分点, 比全省低12个百分点 (攀枝花, 广安,
    驻马店 2006): the comparison at the end of the fragment, or None (比上年提高 is a change, not one)."""
    m = _split_comparative_rx().search(core)
    return m.group(0) if m else None


def comparative_comparator(comparative: str) -> str | None:
    """min or max for a split comparative by its last word (高 min, 低 max); None for other words."""
    words = load("qualifiers")["split_comparatives"]["words"]
    return next((c for w, c in sorted(words.items(), key=lambda kv: -len(kv[0])) if comparative.endswith(w)), None)


def is_subjectless(core: str) -> bool:
    """True when the fragment names no subject of its own (增长, 比上年增长, 总量, 高于全国)."""
    lx = lexicon()
    if split_comparative(core) == core:
        return True  # 增长6.5%，|较全省高|0.5个百分点: the comparison borrows the figure before
    subject, _ = change_part(core)
    for w in lx.comparatives:
        if w in subject:
            subject = subject.split(w, 1)[0]
    subject, _ = strip_leading(subject, lx.change_modifiers)
    for w in lx.share_verbs:
        if subject.startswith(w):
            rest = subject[len(w):]
            if rest in ("", "的") or rest.startswith((*lx.region_names, "全国", "全球", "世界", "全省")):
                subject = ""
    return not subject or subject in lx.relational_nouns or subject in lx.non_subjects


def clause_subject(clause: str) -> str | None:
    """The subject noun phrase at the start of a clause (全年地区生产总值迈上新台阶 -> 地区生产总值)."""
    lx = lexicon()
    s = clause.strip(" “”*-•·●◆■（()）" + _CIRCLED)
    s, _ = strip_leading(s, (*lx.fillers, *lx.region_names))
    s, _ = strip_leading(s, lx.fillers)
    m = lx.subject_cut.search(s)
    if not m or s.startswith(lx.subject_blockers):
        return None
    s = _balance_quotes(s[: m.start()])
    if 2 <= len(s) <= 16 and not any(ch.isdigit() for ch in s) and s not in lx.non_subjects and not s.startswith(
        lx.generic_objects
    ):
        return s
    return None


def with_subject(core: str, subject: str | None, comparative: str | None, previous: str | None) -> str:
    """Complete a subjectless fragment with the sentence's subject."""
    if comparative and previous:
        head = core.split(comparative, 1)[0]
        if not head or head in lexicon().change_modifiers:
            return previous + core[len(head):]
    if not subject:
        return core
    if core.startswith(subject):
        return core
    return subject + core


def noun_after(text: str, pos: int, limit: int = 40) -> str:
    """The noun phrase right after a figure up to the clause end (建设350所|乡镇标准化寄宿制学校).

    A list of nouns joined by 、 belongs to it when no figure follows (视力、听力、肢体等残疾儿童).
    """
    end = pos
    while end < len(text) and end - pos < limit:
        c = text[end]
        if c == "、":
            nxt = end + 1
            while nxt < len(text) and text[nxt] not in BOUNDARY:
                if text[nxt].isdigit():
                    return text[pos:end]
                nxt += 1
        elif c in BOUNDARY or _joins_figures(text, end):
            break
        end += 1
    return text[pos:end]


def extend_over_list(text: str, cs: int, floor: int) -> int:
    """Move a clause start back over ``A、B、`` noun lists that hold no figure (百强县、百强区20个)."""
    while cs > floor and text[cs - 1] == "、":
        prev = clause_start(text, cs - 1, floor)
        if prev >= cs - 1 or any(ch.isdigit() for ch in text[prev:cs - 1]) or cs - 1 - prev > 20:
            break
        if prev == floor and floor > 0 and text[floor - 1] not in BOUNDARY:
            break  # the words before are the tail of an earlier figure (迈上14万亿元新台阶、)
        cs = prev
    return cs
