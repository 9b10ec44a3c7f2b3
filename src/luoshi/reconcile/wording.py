"""Results stated in words: what the next report says about a target when it gives no figure.

A worded target (国际收支基本平衡) can only be answered in words (国际收支基本平衡 again, or 失衡),
and a numbered target is sometimes answered without a figure (物价得到有效控制, 创历史新高), or by a
blanket sentence (主要目标任务全面完成). This module finds such statements in the review part of
report N+1 and reads a verdict from their words; the words are data (``data/zh/wording.yaml``).
A statement is a ``Commitment`` of kind ``result`` without a value (``rule`` ``statement`` or
``blanket``), so every table, export and page shows it where a figure would stand, with its span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from luoshi.grammar.tables import load
from luoshi.model import Commitment
from luoshi.reconcile.matching import bigrams
from luoshi.reconcile.verdict import ACHIEVED, MISSED, UNKNOWN

STATEMENT, BLANKET = "statement", "blanket"
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_EDGE = " \u3000\t\r—-●■*#>"
# 和/与/同 join the two sides of 居民收入增长和经济增长同步 alike; 的 and 率 vary between reports
_SAME = str.maketrans({"与": "和", "同": "和", "及": "和"})
_MIN_COVER = 0.66


@lru_cache(maxsize=1)
def _w() -> dict:
    w = load("wording")
    goals = {name: {k: tuple(sorted(v, key=len, reverse=True)) for k, v in g.items()} for name, g in w["goals"].items()}
    return {**w, "goals": goals,
            "blanket_met": tuple(re.compile(p) for p in w["blanket"]["met"]),
            "blanket_missed": tuple(re.compile(p) for p in w["blanket"]["missed"])}


@dataclass(frozen=True)
class Goal:
    """What a worded target asks for: its subject (国际收支) and the kind of goal (balance)."""

    subject: str
    kind: str | None  # a key of ``goals`` in wording.yaml; None when no goal word is known
    word: str = ""


def goal_of(text: str) -> Goal:
    """Split a worded target into subject and goal, at the first goal word (longest first there).

    >>> goal_of("国际收支保持基本平衡")
    Goal(subject='国际收支', kind='balance', word='保持基本平衡')
    >>> goal_of("居民收入增长和经济增长基本同步").kind, goal_of("主要污染物排放量继续下降").subject
    ('sync', '主要污染物排放量')
    """
    w = _w()
    for f in sorted(w["target_fillers"], key=len, reverse=True):
        if text.startswith(f) and len(text) > len(f) + 3:
            text = text[len(f):]
    best: tuple[int, int, str, str] | None = None
    for kind, g in w["goals"].items():
        for word in g["target"]:
            i = text.find(word)
            # 完成国家下达任务 settles what 下降 before it only describes: completion goes first
            key = (kind != "complete", i, -len(word))
            if i >= 0 and (best is None or key < (best[2] != "complete", best[0], -best[1])):
                best = (i, len(word), kind, word)
    if best is None:
        return Goal(text, None)
    i, n, kind, word = best
    if i == 0:  # 完成国家下达的节能减排任务: the goal comes first, its object after it
        subject = text[n:].lstrip("的")
        for end in ("任务", "目标", "指标", "要求"):
            if subject.endswith(end) and len(subject) > len(end) + 1:
                subject = subject[: -len(end)].rstrip("的等")
        return Goal(subject, kind, word)
    subject = text[:i]
    for f in sorted(w["target_fillers"], key=len, reverse=True):
        if subject.endswith(f) and len(subject) > len(f) + 1:
            subject = subject[: -len(f)]
    return Goal(subject, kind, word)


def _norm(s: str) -> str:
    return s.translate(_SAME).replace("的", "")


def coverage(subject: str, clause: str) -> float:
    """How much of the subject's wording the clause contains (bigrams, 和/与/同 alike)."""
    a, b = bigrams(_norm(subject)), bigrams(_norm(clause))
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 0.0


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    sentence: str


def _period_from(text: str, lo: int, hi: int) -> int | None:
    """Where the paragraph (a review span) turns to the five years, when it does so in its first two
    sentences (五年来，…): that sentence's start, else None. A sentence before it is about the year
    (2025年主要目标任务的完成，标志着“十四五”规划顺利收官。回首过去五年…: 贵州 2026); a salutation
    (各位代表！) counts as no sentence."""
    heads = _w()["period_statements"]["paragraph_head"]
    said = (m for m in _SENTENCE.finditer(text, lo, hi) if len(m.group(0).strip()) > 6)
    return next((m.start() for m in islice(said, 2) if any(w in m.group(0) for w in heads)), None)


def period_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the review about five years: a paragraph from the sentence that opens with 五年来
    (``paragraph_head``) on, and the ——-led paragraphs that follow it as its list (五年来，我们…。
    ——人民生活水平实现新跃升。…居民人均可支配收入增长34.3%: 山东 2026).

    >>> t = "全年目标完成。五年来，成就显著。——收入增长34%。全年增长5%。"
    >>> period_spans(t, [(0, 16), (16, 25), (25, 31)])
    [(7, 16), (16, 25)]
    """
    out: list[tuple[int, int]] = []
    inside = False
    for lo, hi in spans:
        body = text[lo:hi].lstrip()
        start = _period_from(text, lo, hi)
        inside = start is not None or (inside and body.startswith(("——", "—-", "－－")))
        if inside:
            out.append((lo if start is None else start, hi))
    return out


def clauses(text: str, spans: Sequence[tuple[int, int]],
            period: Sequence[tuple[int, int]] | None = None) -> list[Clause]:
    """The clauses of ``text`` inside ``spans`` (the review part), offsets into ``text``; clauses
    about a five-year period (``period_statements`` in wording.yaml) are left out, as figures about
    one are: they are not results of the year.

    >>> [c.text for c in clauses("五年来，环境好转。排放量持续下降。", [(0, 17)])]
    []
    >>> [c.text for c in clauses("收入增长与经济增长同步，收入年均增长5%。排放量下降。", [(0, 26)])]
    ['排放量下降']
    """
    out: list[Clause] = []
    period_words = _w()["period_statements"]["sentence"]
    period = period_spans(text, spans) if period is None else period
    for lo, hi in spans:
        for s in _SENTENCE.finditer(text, lo, hi):
            if any(w in s.group(0) for w in period_words) or any(a <= s.start() < b for a, b in period):
                continue
            for c in _CLAUSE.finditer(text, s.start(), s.end()):
                raw = c.group(0)
                lead = len(raw) - len(raw.lstrip(_EDGE))
                body = raw.strip(_EDGE)
                if len(body) >= 2:
                    out.append(Clause(c.start() + lead, c.start() + lead + len(body), body, s.group(0)))
    return out


def _has(clause: str, words: Sequence[str]) -> str | None:
    return next((w for w in words if w in clause), None)


def _negated(clause: str, word: str) -> bool:
    i = clause.find(word)
    return i > 0 and any(clause[:i].endswith(n) for n in _w()["negations"])


def words_verdict(goal: Goal, predicate: str) -> tuple[str, str]:
    """(verdict, the words that decided it) for a statement's predicate against a worded goal.

    >>> words_verdict(goal_of("国际收支保持基本平衡"), "基本平衡")
    ('达成', '基本平衡')
    >>> words_verdict(goal_of("居民收入增长和经济增长同步"), "慢于经济增长")
    ('未达成', '慢于')
    >>> words_verdict(goal_of("进出口稳中提质"), "规模创历史新高")[0]
    '无法判断'
    """
    w = _w()
    missed = _has(predicate, w["outright_missed"])
    if missed:
        return MISSED, missed
    met = _has(predicate, w["outright_met"])
    if met:
        return ACHIEVED, met
    g = w["goals"].get(goal.kind or "")
    if g is None:
        return UNKNOWN, ""
    bad = _has(predicate, g["missed"])
    if bad and not (goal.kind == "decline" and bad in ("增长", "增加") and "下降" in predicate):
        return MISSED, bad
    good = _has(predicate, g["met"])
    if good:
        return (MISSED if _negated(predicate, good) else ACHIEVED), good
    return UNKNOWN, ""


def numbered_verdict(predicate: str, *, ceiling: bool) -> tuple[str, str] | None:
    """A statement without a figure about a numbered target: (verdict, words), or None when the
    words are not a result at all. A ceiling held low (物价得到有效控制) is met; other words that
    report an outcome (创历史新高, 持续下降) pair the statement but cannot tell if the figure was reached.

    >>> numbered_verdict("涨幅持平", ceiling=True), numbered_verdict("创历史新高", ceiling=False)
    (('达成', '持平'), ('无法判断', '创历史新高'))
    """
    w = _w()
    missed = _has(predicate, w["outright_missed"])
    if missed:
        return MISSED, missed
    met = _has(predicate, w["outright_met"])
    if met:
        return ACHIEVED, met
    if ceiling:
        low = _has(predicate, w["ceiling_met"])
        if low:
            return ACHIEVED, low
    said = _has(predicate, w["no_figure_results"])
    return (UNKNOWN, said) if said else None


def _outright(text: str) -> tuple[str, str] | None:
    """(verdict, words) when ``text`` says outright that a target was missed or met (没有实现…目标)."""
    w = _w()
    missed = _has(text, w["outright_missed"])
    if missed:
        return MISSED, missed
    met = _has(text, w["outright_met"])
    return (ACHIEVED, met) if met else None


def _outright_after(c: Clause) -> tuple[str, str] | None:
    """The verdict of the clause right after ``c`` in its sentence when that clause speaks of the
    target itself (…，预期增长目标未能实现), else None."""
    i = c.sentence.find(c.text)
    nxt = _CLAUSE.search(c.sentence, i + len(c.text)) if i >= 0 else None
    return _outright(nxt.group(0)) if nxt is not None and "目标" in nxt.group(0) else None


@dataclass(frozen=True)
class Found:
    statement: Commitment
    verdict: str
    note: str


def _statement(c: Clause, subject: str, year: int | None, rule: str) -> Commitment:
    return Commitment(kind="result", indicator=subject, value=None, unit=None, comparator=None, year=year,
                      text=c.text, start=c.start, end=c.end, rule=rule)


def _says_result(text: str) -> bool:
    """The clause reports how something went (a goal, outcome or verdict word), not only names it."""
    w = _w()
    words = (*w["outright_met"], *w["outright_missed"], *w["no_figure_results"], *w["ceiling_met"],
             *(x for g in w["goals"].values() for x in (*g["met"], *g["missed"])))
    return any(x in text for x in words)


def _ranked(subject: str, found: Sequence[Clause]) -> list[Clause]:
    """The clauses that cover the subject and say how it went, best cover first (earliest on a tie:
    the review states the headline before the detail)."""
    scored = [(c, coverage(subject, c.text)) for c in found]
    scored = [(c, s) for c, s in scored if s >= _MIN_COVER]
    scored = [(c, s) for c, s in scored if _says_result(c.text[max(c.text.find(subject[-2:]), 0):])]
    return [c for c, _ in sorted(scored, key=lambda t: -t[1])]


def _best(subject: str, found: Sequence[Clause]) -> tuple[Clause, float] | None:
    """The clause that covers the subject best and says how it went."""
    ranked = _ranked(subject, found)
    return (ranked[0], coverage(subject, ranked[0].text)) if ranked else None


def other_names(subject: str) -> list[str]:
    """The names the review may give the subject instead (``subject_equivalents`` in wording.yaml),
    tried only when no clause names the subject itself: 各类风险有序有效防控 → 金融运行总体平稳.

    >>> other_names("单位地区生产总值能耗"), other_names("城镇调查失业率")
    (['能耗强度', '节能'], [])
    """
    return [n for key, names in _w()["subject_equivalents"].items() if key in subject for n in names]


def answer_worded(target: Commitment, found: Sequence[Clause], year: int | None, *,
                  settled_only: bool = False) -> Found | None:
    """The review statement about a worded target's subject and the verdict its words give;
    ``settled_only``: a statement under another name of the subject only when its words settle the goal
    (a blanket sentence is there to answer otherwise)."""
    goal = goal_of(target.indicator or target.text)
    if len(goal.subject) < 2:
        return None
    subject = goal.subject
    best = _best(subject, found)
    other = best is None
    if other:
        # under another name, not in a clause that lists topics (…重大项目建设、生态环境保护、干部…)
        named = [c for c in found if c.text.count("、") < 3]
        subject, best = next(((n, b) for n in other_names(subject) if (b := _best(n, named))), (subject, None))
    if best is None:
        return None
    c, _ = best
    at = max(c.text.find(subject[-2:]), 0)
    verdict, words = words_verdict(goal, c.text[at:])
    if other and verdict == UNKNOWN and settled_only:
        return None  # words under another name that settle nothing leave the blanket sentence to answer
    note = (f"据措辞 (from the wording): {words}" if words else
            "措辞不能判定是否达成 (the wording does not settle it)")
    return Found(_statement(c, goal.subject, year, STATEMENT), verdict, note)


def measured(subject: str) -> str:
    """The thing a figure's name measures: 居民消费价格涨幅 -> 居民消费价格.

    >>> measured("居民消费价格涨幅"), measured("城镇调查失业率")
    ('居民消费价格', '城镇调查失业率')
    """
    for suffix in sorted(_w()["measure_suffixes"], key=len, reverse=True):
        if subject.endswith(suffix) and len(subject) - len(suffix) >= 2:
            return subject[: -len(suffix)]
    return subject


def answer_numbered(target: Commitment, subject: str, found: Sequence[Clause], year: int | None, *,
                    ceiling: bool) -> Found | None:
    """A statement without a figure that answers a numbered target no figure answered."""
    subject = measured(subject)
    ranked = _ranked(subject, found)
    if not ranked:
        subject, ranked = next(((n, r) for n in other_names(subject) if (r := _ranked(n, found))), (subject, []))
    # the first clause about the subject whose words are a result (单位国内生产总值能耗由前三年分别上升…
    # names it without one; 没有实现年初确定的单位国内生产总值能耗降低4%左右…的目标 settles it)
    for c in ranked:
        at = max(c.text.find(subject[-2:]), 0)
        # the verdict may come before the subject (没有实现…目标) or in the next clause of its sentence
        # about the target (进出口总额出现下降，预期增长目标未能实现)
        read = (_outright(c.text[:at]) or numbered_verdict(c.text[at:], ceiling=ceiling)
                or _outright_after(c))
        if read is not None:
            break
    else:
        return None
    verdict, words = read
    note = f"结果无数字，据措辞 (a result without a figure, from the wording): {words}"
    return Found(_statement(c, subject, year, STATEMENT), verdict, note)


def blanket(found: Sequence[Clause], year: int | None, *, plan: bool = False) -> Found | None:
    """The review's sentence that the main targets as a whole were met (or not), if it has one: of
    the year, or with ``plan`` of the five-year plan (“十四五”规划主要目标任务全面完成)."""
    w = _w()
    for c in found:
        if any(x in c.text for x in w["blanket"]["exclude"]) != plan:
            continue
        for verdict, patterns in ((MISSED, w["blanket_missed"]), (ACHIEVED, w["blanket_met"])):
            if any(p.search(c.text) for p in patterns):
                note = "整体表述，非逐项数字 (a blanket statement, not a figure for this target)"
                return Found(_statement(c, "主要目标任务", year, BLANKET), verdict, note)
    return None


def partial_figure(subject: str, figures: Sequence[Commitment]) -> Commitment | None:
    """A figure about a part of ``subject`` or the whole it is part of (``partial_figures`` in
    wording.yaml): the review speaks of the subject without settling it.

    >>> from luoshi.model import Commitment as C
    >>> f = C(kind="result", indicator="工业投资增长", value=13, unit="%", comparator=None, year=2025,
    ...       text="工业投资增长13%", start=0, end=9)
    >>> partial_figure("固定资产投资增长", [f]).text, partial_figure("进出口总额增长", [f])
    ('工业投资增长13%', None)
    """
    parts = _w()["partial_figures"]
    keys = sorted((k for k in parts if k in subject), key=len, reverse=True)
    if not keys:
        return _other_investment(subject, figures)
    key = keys[0]
    prefixes = ("", *_w()["partial_figure_prefixes"])
    for f in figures:
        name = f.indicator or f.text
        opens = [w for a in prefixes for w in (key, *parts[key]) if name.startswith(a + w)]
        if opens and key not in opens:
            return f
    return _other_investment(subject, figures)


def _other_investment(subject: str, figures: Sequence[Commitment]) -> Commitment | None:
    """A change of another kind of investment than the subject's (``partial_investment``).

    >>> from luoshi.model import Commitment as C
    >>> f = C(kind="result", indicator="能源投资增长", value=9.4, unit="%", comparator=None, year=2025,
    ...       text="能源投资增长9.4%", start=0, end=10)
    >>> _other_investment("产业投资增长", [f]).text, _other_investment("能源投资增长", [f])
    ('能源投资增长9.4%', None)
    """
    spec = _w()["partial_investment"]
    word = spec["word"]
    if word not in subject:
        return None
    own = subject[: subject.index(word)]
    for f in figures:
        name = f.indicator or ""
        head, _, tail = name.partition(word)
        if (tail in spec["changes"] and len(head) >= 2 and head != own and not own.endswith(head)
                and not head.endswith(own or "\0") and not any(x in name for x in spec["not"])):
            return f
    return None


def mention(subject: str, found: Sequence[Clause]) -> Clause | None:
    """The first review clause that names the whole subject without saying how it went."""
    return next((c for c in found if coverage(subject, c.text) >= 0.99), None) if len(subject) >= 4 else None
