"""Assemble commitments from the quantities of one block of text.

Order of work per block: drop what is not an item (filters), drop descriptors inside a clause that
has a head figure (147个|国考断面…达98.6%), then read each figure's indicator, kind and year, and
finally share one subject over the figures of a 分别 / 和 list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from luoshi.commitments import indicator as ind
from luoshi.commitments.context import kind_and_year, sentence_part
from luoshi.commitments.filters import count_units, counted_threshold, in_modifier_position, reject_reason
from luoshi.commitments.lexicon import lexicon
from luoshi.grammar.quantities import Quantity
from luoshi.grammar.tables import load
from luoshi.segment import Block, sentence_bounds

_STREAK = re.compile(r"连续[\d一二三四五六七八九十]+个?(?:季度|年|月)$")
_TOTAL_DESCRIPTOR = re.compile(r"总投资[^的，,。；;]{1,12}的(.+)$")
_JOINERS = {"、", "和", "及", "与", "，和", "、和"}
_SPLIT_LIST = re.compile(r"[、和及与]")
_FIGURE_AFTER = re.compile(r"[\d十百千万亿]")
_SINCE = re.compile(r"(?:较|比)(?:上年|去年|年初|上年末)")
_SAMPLE_BEFORE = re.compile(r"\d+项[^，,。；;\d]{1,10}中[，,]?")
SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


@dataclass
class Draft:
    q: Quantity
    scope: str | None
    indicator: str
    start: int
    end: int
    unit: str | None
    comparator: str
    qualifier: str | None
    kind: str = "result"
    year: int | None = None
    lead_core: str = ""
    group: list[Draft] = field(default_factory=list)
    rule: str = ""
    comparative: str | None = None
    verb: str = ""
    from_value: bool = False
    subjects_before: tuple[str, ...] = ()


def _drop_descriptors(text: str, blk: Block, qs: list[tuple[Quantity, str | None]]):
    """Keep the head figure of each clause; a figure before a noun that another figure measures goes."""
    by_clause: dict[int, list[tuple[Quantity, str | None]]] = {}
    for q, scope in qs:
        by_clause.setdefault(ind.clause_start(text, q.start, blk.start), []).append((q, scope))
    keep: list[tuple[Quantity, str | None]] = []
    for group in by_clause.values():
        if len(group) == 1:
            keep.extend(group)
            continue
        mods = [in_modifier_position(text, q) and q.rule != "rank" and not _counted_batch(text, q, group)
                and not _batch_total(text, q, group) and not any(_batch_total(text, g, group) for g, _ in group)
                and not _own_figure(text, q, group)
                or counted_threshold(text, group[0][0], q) for q, _ in group]
        if all(mods):
            keep.append(group[0])
        else:
            keep.extend(g for g, m in zip(group, mods, strict=True) if not m)
    keep.sort(key=lambda t: t[0].start)
    return keep


def _batch_total(text: str, q: Quantity, group: list[tuple[Quantity, str | None]]) -> bool:
    """12个总投资50亿元的重大产业项目: the batch's total investment is an item beside its count."""
    first = group[0][0]
    return (first is not q and first.unit in count_units() and q.unit == "元" and q.qualifier is None
            and text[max(0, q.start - 3):q.start].endswith("总投资") and text.startswith("的", q.end))


def _own_figure(text: str, q: Quantity, group: list[tuple[Quantity, str | None]]) -> bool:
    """Figures before a noun that are items beside the clause's later figure.

    为5567户困难家庭发放住房租赁补贴1187万元 (the households helped: 为N户/名 in 11 reports), and
    3.2亿元消费券和汽车消费补贴拉动消费上百亿元 (the money that drives the later figure: 沈阳, 青海).
    """
    cues = load("cues")
    if q.unit in count_units() and text[q.start - 1:q.start] in cues["beneficiary_markers"]:
        return True
    if q.unit in count_units() and _SAMPLE_BEFORE.search(re.split(r"[。；;]", text[max(0, q.start - 60):q.start])[-1]):
        return True  # 20项主要经济指标中，15项…，|12项|增幅居全省前5: how many of them is the figure
    nxt = next((g.start for g, _ in group if g.start >= q.end), None)
    return (nxt is not None and q.unit == "元"
            and any(v in text[q.end:nxt] for v in cues["driving_verbs"]))


def _counted_batch(text: str, q: Quantity, group: list[tuple[Quantity, str | None]]) -> bool:
    """A count of projects whose total follows (216个…重点项目完成投资336.1亿元) is an item too."""
    nxt = next((g.start for g, _ in group if g.start >= q.end), None)
    if nxt is None or q.unit not in count_units():
        return False
    return any(w in text[q.end:nxt] for w in load("cues")["counted_batches"])


def _list_verb(lead: str) -> str:
    """The verb phrase opening a list's first item (新建（改）充电桩 -> 新建（改）), or ''."""
    chars = load("cues")["list_verb_chars"]
    n = 0
    while n < len(lead) and lead[n] in chars:
        n += 1
    verb = lead[:n].rstrip("、和（")
    return verb if len(verb) >= 2 and n < len(lead) else ""


def _plan_share(core: str) -> str | None:
    """占年度计划的 -> 年度计划: the plan a share is of, when that is all the fragment says."""
    spec = load("cues")["plan_share"]
    rest = core.rstrip("的")
    for v in sorted(spec["verbs"], key=len, reverse=True):
        if rest.startswith(v) and rest[len(v):] in spec["objects"]:
            return rest[len(v):]
    return None


def _batch_noun(noun: str) -> str:
    """216个省市重点项目|完成投资336.1亿元: a counted batch's noun ends with its head, before the next figure."""
    cues = load("cues")
    cuts = [i for w in (*cues["beneficiary_verbs"], *cues["driving_verbs"]) if (i := noun.find(w)) > 0
            and _FIGURE_AFTER.search(noun, i)]
    if cuts:
        return noun[:min(cuts)]  # 5567户|困难家庭|发放…1187万元, 3.2亿元|消费券…|拉动消费上百亿元
    if not any(c.isdigit() for c in noun):
        return noun
    m = _TOTAL_DESCRIPTOR.match(noun)
    if m:
        return m.group(1)  # 12个|总投资50亿元的重大产业项目: the count is of the projects
    for w in load("cues")["counted_batches"]:
        i = noun.find(w)
        if i >= 0:
            return noun[:i + len(w)]
    return noun


def block_drafts(text: str, blk: Block, qs: list[tuple[Quantity, str | None]], part: str,
                 report_year: int | None, slogans: list[tuple[int, int]]) -> list[Draft]:
    kept = [(q, s) for q, s in qs if q.rule in ("rank", "rank_change", "multiple", "share")
            or reject_reason(text, q, slogans) is None]
    kept = _drop_descriptors(text, blk, kept)
    drafts: list[Draft] = []
    sentence = (-1, -1)
    subjects: list[str] = []
    scanned = blk.start
    prev: Draft | None = None
    local_part = part
    seen_to = blk.start
    for q, scope in kept:
        s0, s1 = sentence_bounds(text, q.num_start, blk.start, blk.end)
        if (s0, s1) != sentence:
            sentence, subjects, prev, scanned = (s0, s1), [], None, s0
            # 过去一年，…。国内生产总值增长10.3%: a paragraph's opener governs its later sentences
            for opener in SENTENCE.finditer(text, seen_to, s1):
                local_part = sentence_part(local_part, opener.group(0), report_year) or local_part
            seen_to = max(seen_to, s1)
        floor = prev.end if prev else s0
        cs = ind.extend_over_list(text, ind.clause_start(text, q.start, floor), floor)
        for clause in re.split(r"[，,；;：:、]", text[scanned:cs]):
            subj = ind.clause_subject(clause)
            if subj:
                subjects.append(subj)
        d = _draft(text, q, scope, cs, prev, subjects, local_part, report_year, (s0, s1), blk.start, blk.section)
        d.subjects_before = tuple(dict.fromkeys(subjects))
        lends_subject = d.group[0] is d and not d.comparative and q.rule != "rank" and not d.verb and d.end == q.end
        if lends_subject:  # a plain figure names the subject later figures of its sentence may borrow
            subj = ind.subject_of(d.indicator)
            if subj and subj not in lexicon().non_subjects:
                subjects.append(subj)
        elif q.rule == "rank" and d.group[0] is d:
            # 服务业增加值增速居全省第1位、全年增长9.2%: the ranked subject is what grows next
            ranked = d.indicator.removesuffix("排名").removesuffix(d.scope or "")
            subj = ind.subject_of(_STREAK.sub("", ranked))
            if subj and len(subj) >= 2 and subj not in lexicon().non_subjects:
                subjects.append(subj)
        elif d.end > q.end:
            subj = ind.clause_subject(text[cs:q.start])  # 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元
            noun = ind.strip_trailing(text[q.end:d.end].lstrip("的 "), lexicon().action_verbs)
            # …等1600个重大项目建设，年度投资7200亿元: the counted noun is what the next figure is of
            if subj or 2 <= len(noun) <= 16:
                subjects.append(subj or noun)
        drafts.append(d)
        scanned = max(d.end, q.end)
        prev = d
    listed: list[Draft] | None = None  # the last list distributed, for a second list of the same sentence
    for d in drafts:
        if d.group and d.group[0] is d and len(d.group) > 1:
            previous = None
            if listed and len(listed) == len(d.group) and not any(c in text[listed[-1].end:d.start] for c in "。；;"):
                previous = [ind.subject_of(x.indicator) for x in listed]
            _distribute(d.group, list(d.subjects_before), previous)
            listed = d.group
    _shared_ranks(text, drafts)
    return [d for d in drafts if _resolve_unit(text, d) and not _vague_rank(d) and not _bundle_rank(text, d)]


def _shared_ranks(text: str, drafts: list[Draft]) -> None:
    """…收入增长20.3%，工业投资增长64.1%，均排全省第一: a rank said with 均 after a run of figures
    ranks all of them, and is named after all their subjects (安顺, 连云港, 东营)."""
    for i, d in enumerate(drafts):
        if d.rule != "rank" or d.group[0] is not d or text[d.q.start - 1:d.q.start] != "均" or "、" in d.lead_core:
            continue  # (工业投资、房地产投资增速均居全省第二 names its own bundle)
        subjects: list[str] = []
        nxt = min(d.start, d.q.start - 1)  # …64.1%，|均排全省第一
        for p in reversed(drafts[:i]):
            if p.rule == "rank" or text[p.end:nxt].strip("，, ") or p.end > nxt:
                break
            subjects.append(ind.subject_of(p.indicator))
            nxt = p.start
        if len(subjects) >= 2 and all(subjects):
            own = d.lead_core.removesuffix("均") if d.lead_core else ""
            d.indicator = "、".join(reversed(subjects)) + own + (d.scope or "") + "排名"


def _bundle_rank(text: str, d: Draft) -> bool:
    """20项主要经济指标中12项增幅居全省前5: a rank shared by a counted bundle of indicators ranks none."""
    if d.rule != "rank":
        return False
    clause = re.split(r"[，,。；;：:]", text[max(0, d.q.start - 16):d.q.start])[-1]
    return bool(re.search(r"\d+项[^\d]{0,6}$", clause))


def _vague_rank(d: Draft) -> bool:
    """主要经济指标增速保持全省第一: a rank of no indicator in particular."""
    if d.rule != "rank":
        return False
    cues = load("cues")
    lead = d.lead_core
    if "、" in lead:
        return False  # 地区生产总值、…等六项主要经济指标全部位列全市第一: the bundle is named
    subject = ind.change_part(ind.strip_trailing(lead, lexicon().linking_verbs))[0]
    return any(v in lead for v in cues["vague_rank_subjects"]) or subject in cues["vague_rank_whole"]


def _draft(text: str, q: Quantity, scope: str | None, cs: int, prev: Draft | None, subjects: list[str],
           part: str, report_year: int | None, sentence: tuple[int, int], block_start: int,
           section: tuple[str, ...] = ()) -> Draft:
    """Read one figure's indicator, qualifiers, kind and year."""
    lx = lexicon()
    frag = ind.read_fragment(text, cs, q.start)
    between = text[prev.q.end:q.start].strip() if prev else None
    core = frag.core
    start, end = (frag.start if core else q.start), q.end
    continuation = prev is not None and between in _JOINERS and core in ("", between) and q.rule != "rank"
    if continuation:
        core = ""
    subject = subjects[-1] if subjects else None
    from_value = frag.from_word
    verb = ""
    if q.rule == "rank":
        lead = text[cs:q.start]
        from_value = from_value or lead.endswith(lx.from_words) or text[q.start:q.start + 1] in lx.from_words
        if not scope:
            m = re.search(lx.rank_scopes, text[q.start:q.end])
            scope = m.group(0) if m else (prev.scope if prev is not None and prev.rule == "rank" and prev.scope
                                          and re.fullmatch(lx.rank_scopes, prev.scope) else None)
        base = core if core and not ind.is_subjectless(core) and not core.startswith("连续") else (subject or "")
        indicator = f"{ind.change_part(base)[0] or base}{scope or ''}排名"
    elif q.rule == "share":
        base = core if core and not ind.is_subjectless(core) else (subject or core)
        # 超过全球一半 is a share of its scope; 一期建设过半, 人员编制总数减少一半 have none
        indicator = f"{base.removesuffix('占')}占{scope}比重" if scope else base + text[q.start:q.num_start]
    elif continuation:
        indicator = prev.indicator
    elif frag.to_word and prev is not None and prev.from_value:
        own = ind.strip_trailing(core, lx.to_words)  # 由下降2.3%转为增长8.5%: Y says its own change
        verb = ind.change_part(own)[1] if own else ""
        indicator = ind.subject_of(prev.indicator) + verb if verb else prev.indicator
        verb = ""
        prev.rule = prev.rule or "from"
    elif (q.rule == "rank_change" and prev is not None and prev.rule == "rank" and not text[prev.end:cs].strip("，, ")
          and (not core or ind.is_subjectless(core) or _SINCE.match(core))):
        indicator = prev.indicator + core  # 排名全省第4，较上年前移2位: the change is of the rank just given
    elif (prev is not None and core.startswith(tuple(load("cues")["driving_verbs"])) and prev.end == cs
          and prev.unit == "元"):
        indicator = prev.indicator + core  # 3.2亿元消费券…|拉动消费上百亿元: what drives is named with it
    elif prev is not None and q.unit == "%" and (obj := _plan_share(core)):
        indicator = f"{prev.indicator}占{obj}"  # 完成投资137亿元，占年度计划的113.5%
    elif core.startswith(lx.share_verbs) and subject and not ind.is_subjectless(core):
        indicator = subject + core.rstrip("的")  # 增加值增长9%，占规上工业比重高于上年…: the share is the subject's
    elif ind.is_subjectless(core):
        if subject is None and not frag.comparative and ind.change_part(core)[1]:
            subject = next((v for k, v in lx.default_subjects.items() if k in text[block_start:q.start]), None)
        indicator = ind.with_subject(core, subject, frag.comparative, prev.indicator if prev else None)
        if core.startswith(lx.share_verbs) and q.unit in ("%", "成") and not indicator.endswith("比重"):
            indicator += "比重"
    else:
        indicator = core
    if prev is not None and not continuation and q.rule != "rank" and core and text[prev.end:cs].strip() == "、":
        verb = _list_verb(prev.lead_core)
        if verb and not core.startswith(verb) and core[0] not in load("cues")["list_verb_chars"]:
            indicator = verb + indicator  # 新种植油茶3.3万亩、坚果10万亩: the list's verb is each item's
        verb = ""
    # a noun after the figure names what is counted (建设350所乡镇标准化寄宿制学校)
    after = q.end + (1 if text[q.end:q.end + 1] in ("的", " ") else 0)
    total = text[max(0, q.start - 3):q.start] == "总投资"
    if total and q.unit == "元" and text.startswith("的", q.end) and prev is not None and prev.unit in count_units():
        # 12个总投资50亿元的重大产业项目: the batch's total investment, named after the batch
        noun = ind.noun_after(text, after)
        indicator, start = (_batch_noun(noun) or noun) + "总投资", q.start - 3
    elif q.rule != "rank" and (in_modifier_position(text, q) or after > q.end):
        full = ind.noun_after(text, after)
        noun = _batch_noun(full)
        if noun and not noun.startswith((*lx.list_heads, *lx.generic_objects)):
            if not core and frag.raw and len(frag.raw) <= 4 and not continuation:
                core = frag.raw
                indicator = core + noun
            elif not core and prev is not None and prev.verb and not continuation:
                indicator = prev.verb + noun
            elif not core and not continuation:
                indicator = noun
            elif indicator != noun:
                indicator = f"{indicator}{noun}"
            end = after + (len(noun) if full.startswith(noun) else len(full))  # 总投资…的|重点项目: to its end
            if noun != full and full.startswith(noun) and text[q.start - 1:q.start] in load("cues")["beneficiary_markers"]:
                deed = full[len(noun):]  # 为5567户困难家庭|发放住房租赁补贴|1187万元: the count is of those helped so
                fig = _FIGURE_AFTER.search(deed)
                indicator += deed[:fig.start()] if fig else deed
            verb = core if 0 < len(core) <= 4 else ""
    comparator, qualifier = q.comparator, q.qualifier
    if continuation and prev is not None and qualifier is None and (prev.qualifier in lx.prefix_qualifiers
                                                                    or prev.comparative):
        comparator, qualifier = prev.comparator, prev.qualifier
    if comparator == "exact" and text[q.start - 1:q.start] in "“‘「":  # 迈上“千亿”台阶: the word before the quote
        w = next((w for w in sorted(lx.prefix_qualifiers, key=len, reverse=True) if text.endswith(w, 0, q.start - 1)), None)
        if w and lx.prefix_qualifiers[w]["comparator"] != "max":
            comparator, qualifier = lx.prefix_qualifiers[w]["comparator"], lx.prefix_qualifiers[w].get("qualifier", w)
    if frag.comparative and comparator == "exact" and q.rule != "rank":
        comparator = (ind.comparative_comparator(frag.comparative) if ind.split_comparative(frag.comparative)
                      else None) or lx.prefix_qualifiers.get(frag.comparative, {}).get("comparator", "min")
        qualifier = frag.comparative
    s0, s1 = sentence
    if continuation and prev is not None:
        kind, year = prev.kind, prev.year
    else:
        kind, year = kind_and_year(part, text[s0:q.start], report_year, is_from_value=from_value,
                                   sentence=text[s0:s1], clause_before=text[cs:q.end],
                                   paragraph_before=" ".join(section) + text[block_start:s0],
                                   is_to_value=frag.to_word and prev is not None and prev.from_value)
    if kind == "result" and text.startswith(tuple(load("cues")["named_as_plan"]), q.end):
        # 略低于8％的预定目标 (national 1999), 比1980年翻两番的任务 (national 2001): a figure the review
        # names as the plan is a target of the year reviewed, and a comparison before it is with the plan
        kind = "target"
        if qualifier in lx.comparatives or frag.comparative and qualifier == frag.comparative:
            comparator, qualifier = "exact", None
    if qualifier == "控制在" and kind != "target":
        comparator, qualifier = "exact", None
    unit = q.unit
    if continuation and prev is not None and prev.unit and unit and "/" in prev.unit and prev.unit.startswith(unit):
        unit = prev.unit  # 每人每月209元、280元
    if frag.to_word and prev is not None and prev.from_value and prev.unit and unit and "/" in prev.unit and prev.unit.startswith(unit):
        unit = prev.unit  # 从每人每月2375元提高到2423元
    d = Draft(q, scope, indicator.strip(), start, end, unit, comparator, qualifier, kind, year,
              lead_core=core, rule=q.rule, comparative=frag.comparative, verb=verb,
              from_value=from_value or (continuation and prev is not None and prev.from_value))
    if continuation and prev is not None:
        prev.group.append(d)
        d.group = prev.group
    else:
        d.group = [d]
    return d


def _distribute(group: list[Draft], subjects: list[str], previous: list[str] | None = None) -> None:
    """Give each figure of ``A、B分别增长x、y`` (or ``A和B实际增长x和y``) its own subject.

    ``previous``: the subjects of a list just before in the sentence (城乡居民收入分别达6.3万元、3.3万元，
    分别增长6%、7.5%): a second list without a subject of its own takes them in order.
    """
    lx = lexicon()
    k = len(group)
    lead = group[0].lead_core or group[0].indicator
    if "分别" in lead:
        subj, tail = lead.split("分别", 1)
        tail = ind.strip_trailing(tail, lx.linking_verbs)
    else:
        subj, tail = ind.change_part(lead)
    for short, full in load("cues")["list_contractions"].items():
        subj = subj.replace(short, full)  # 一二三产分别增长 (铜仁, 贵州): 一、二、三产
    parts = [p for p in subj.split("、") if p]
    if len(parts) != k:
        parts = [p for p in _SPLIT_LIST.split(subj) if p]
    if len(parts) == k:
        last = parts[-1]
        names = [p + last[len(p):] if i < k - 1 and _shares_head_with(p, last) else p for i, p in enumerate(parts)]
    elif k == 2 and any(w in subj for w in lx.pair_expansions):
        w = next(w for w in lx.pair_expansions if w in subj)
        names = [subj.replace(w, alt, 1) for alt in lx.pair_expansions[w][:2]]
    elif previous and len(previous) == k and not subj:
        names = previous
    elif not subj and len(subjects) >= k:
        names = subjects[-k:]
    else:
        return
    # 增长6.6%，比全国、全省分别高1.4、0.6个百分点: a split comparison keeps the subject it borrowed
    first = group[0]
    borrowed = (first.indicator[: -len(lead)] if first.comparative and ind.split_comparative(first.comparative)
                and first.indicator.endswith(lead) else "")
    for d, name in zip(group, names, strict=True):
        d.indicator = borrowed + name + tail
    _share_trailing_qualifier(group)


def _share_trailing_qualifier(group: list[Draft]) -> None:
    """分别增长5%和7%左右: a qualifier after the last figure of a list is meant for all of them."""
    last = group[-1]
    if last.qualifier in lexicon().suffix_qualifiers:
        for d in group[:-1]:
            if d.qualifier is None and d.comparator == "exact":
                d.comparator, d.qualifier = last.comparator, last.qualifier


def _shares_head_with(part: str, last: str) -> bool:
    """城镇 / 城镇居民 before 农村居民人均可支配收入: the part stands for the last one's head only."""
    n = len(part)
    if part.isascii():
        return False  # GDP、规模工业增加值、社会消费品零售总额: an abbreviation is a name of its own
    return n <= 3 or (len(last) > n and last[n - 2:n] == part[-2:])


def _resolve_unit(text: str, d: Draft) -> bool:
    """Find the unit of a bare figure (农村贫困人口减少1240万); False when there is none."""
    if d.unit:
        return True
    lx = lexicon()
    after = ind.noun_after(text, d.q.end, limit=10)
    for noun, unit in sorted(lx.implied_by_noun.items(), key=lambda kv: -len(kv[0])):
        if noun in after:
            d.unit = unit
            return True
    for sib in d.group:
        if sib.unit:
            d.unit = sib.unit
            return True
    nxt = text[d.q.end:d.q.end + 1]
    if nxt and "\u4e00" <= nxt <= "\u9fff" and not text.startswith(lx.generic_objects, d.q.end):
        return False  # 71.3万监测对象: a noun we do not know the unit of
    for word, unit in lx.implied_by_indicator.items():
        if word in d.indicator:
            d.unit = unit
            return True
    return False
