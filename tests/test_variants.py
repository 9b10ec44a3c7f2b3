"""Reports with damaged structure: flattened, headings run in, wrapped in web page furniture.

``tests/variants.py`` builds the damaged forms of every dev and silver gold document with every gold
offset mapped; the property tests check the mapping, the scored tests run the extractor over the
variants and hold it to :data:`BARS`.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scoring
import variants as V

REPO = Path(__file__).resolve().parent.parent
SILVER = Path(__file__).parent / "silver"

# Strict F1 floors per variant kind and gold set: the figures measured when line-break-independent
# structure and fixed-width unwrapping landed, minus 0.01 (clean texts: dev 0.989, silver 0.950 over
# 96 reports; variants dev/silver: flat 0.943/0.945, flat_space 0.916/0.945, runin 0.986/0.948,
# clutter 0.987/0.949, flat_clutter 0.903/0.939, wrapped 0.984/0.947, wrapped_cells 0.987/0.948).
# On the silver set every kind is within 0.011 of the clean text; what the dev set loses when
# flattened is the press-article seed, whose bullet lists and >>>> headings run together.
# Project F1 is not held: flattening loses the seed's project list (0 of 30 found).
BARS = {
    "flat": {"dev": 0.933, "silver": 0.935},
    "flat_space": {"dev": 0.906, "silver": 0.935},
    "runin": {"dev": 0.976, "silver": 0.938},
    "clutter": {"dev": 0.977, "silver": 0.939},
    "flat_clutter": {"dev": 0.893, "silver": 0.929},
    "wrapped": {"dev": 0.974, "silver": 0.937},
    "wrapped_cells": {"dev": 0.977, "silver": 0.938},
}

_NOWS = re.compile("[\\s" + V._SPACE + "]+")  # the transforms drop what they count as space


def _nows(s: str) -> str:
    return _NOWS.sub("", s)


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _gold_files(shared: Path) -> list[Path]:
    return sorted((shared / "gold" / "dev").glob("*.jsonl")) + sorted(SILVER.glob("*.jsonl"))


def _load(shared: Path, gpath: Path) -> tuple[str, list[dict]]:
    rows = V.load_gold(gpath.read_text(encoding="utf-8").splitlines())
    return (shared / rows[0]["doc"]).read_text(encoding="utf-8"), rows


def _scorer(shared: Path):
    return scoring.load_scorer(shared)


# --------------------------------------------------------------------------------------------
# the mapping on the real gold


@pytest.mark.parametrize("kind", V.ALL_KINDS)
def test_every_gold_item_and_scope_survives_the_variant(shared, kind):
    for gpath in _gold_files(shared):
        text, rows = _load(shared, gpath)
        vtext, vrows = V.make_variant(kind, text, rows)
        head, items = vrows[0], vrows[1:]
        assert head["doc"] == V.variant_doc(kind, rows[0]["doc"]) and head["source_doc"] == rows[0]["doc"]
        assert head["variant"] == kind and head["report_year"] == rows[0]["report_year"]
        assert len(items) == len(rows) - 1
        assert len(head["scopes"]) == len(rows[0]["scopes"]), gpath.name
        for (s, e), (os_, oe) in zip(head["scopes"], rows[0]["scopes"], strict=True):
            assert _nows(vtext[s:e]) == _nows(text[os_:oe]) if kind in (
                "flat", "flat_space", "runin", "clean", "wrapped", "wrapped_cells") \
                else _subsequence(_nows(text[os_:oe]), _nows(vtext[s:e]))
        for old, new in zip(rows[1:], items, strict=True):
            assert vtext[new["start"]:new["end"]] == new["text"], (gpath.name, new)
            assert any(s <= new["start"] and new["end"] <= e for s, e in head["scopes"]), (gpath.name, new)
            assert {k: v for k, v in new.items() if k not in ("start", "end", "text")} == \
                {k: v for k, v in old.items() if k not in ("start", "end", "text")}
            if kind == "flat":
                assert new["text"] == V._BREAK.sub("", old["text"])
            elif kind == "flat_space":
                assert new["text"] == V._BREAK.sub(" ", old["text"])
            elif kind == "flat_clutter":
                assert new["text"] in (V._BREAK.sub("", old["text"]), V._BREAK.sub(" ", old["text"]))
            elif kind in ("wrapped", "wrapped_cells"):
                assert new["text"].replace("\n", "") == old["text"].replace("\n", "")  # breaks added inside
            else:
                assert new["text"] == old["text"]


def test_flattening_keeps_an_item_that_spans_a_line_break(shared):
    """Some sources break a line inside a figure (``PM\\n2.5\\n``): the item's text follows the break."""
    gpath = shared / "gold" / "dev" / "corpus__national__2022.jsonl"
    text, rows = _load(shared, gpath)
    broken = [r for r in rows[1:] if "\n" in r["text"]]
    assert broken
    vtext, vrows = V.make_variant("flat", text, rows)
    by_old = {json.dumps(o, ensure_ascii=False): n for o, n in zip(rows[1:], vrows[1:], strict=True)}
    for old in broken:
        new = by_old[json.dumps(old, ensure_ascii=False)]
        assert "\n" not in new["text"] and new["text"] == old["text"].replace("\n", "")


def test_variants_are_deterministic_and_written_files_validate(shared, tmp_path):
    scorer = _scorer(shared)
    gold_in = tmp_path / "in"
    gold_in.mkdir()
    for name in ("corpus__national__2024.jsonl", "seeds__hunan-2024-report-news.jsonl"):
        (gold_in / name).write_bytes((shared / "gold" / "dev" / name).read_bytes())
    for kind in V.ALL_KINDS:
        written = V.write_variants(kind, shared, gold_in, tmp_path / "root", tmp_path / "gold" / kind)
        assert len(written) == 2
        assert scorer.validate(tmp_path / "gold" / kind, tmp_path / "root") == []
        for g in written:
            head = json.loads(g.read_text(encoding="utf-8").splitlines()[0])
            assert g.name == V.gold_name(head["doc"]) and head["doc"].startswith(f"variants/{kind}/")
    text, rows = _load(shared, gold_in / "corpus__national__2024.jsonl")
    for kind in V.ALL_KINDS:
        assert V.make_variant(kind, text, rows) == V.make_variant(kind, text, rows)


def test_the_script_writes_every_set_and_kind(shared, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("make_variants", REPO / "scripts" / "make_variants.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    gold_in = tmp_path / "dev"
    gold_in.mkdir()
    (gold_in / "corpus__national__2024.jsonl").write_bytes((shared / "gold" / "dev" / "corpus__national__2024.jsonl").read_bytes())
    assert script.main([str(tmp_path / "out"), "--gold", str(gold_in), "--shared", str(shared)]) == 0
    for kind in V.ALL_KINDS:
        assert (tmp_path / "out" / "gold" / "dev" / kind / f"variants__{kind}__corpus__national__2024.jsonl").is_file()
        assert (tmp_path / "out" / "variants" / kind / "corpus__national__2024.txt").is_file()
    assert "run_eval.py" in capsys.readouterr().out


def test_clutter_is_varied_realistic_furniture_and_reaches_inside_scopes(shared):
    pages, sites, inside = [], set(), 0
    for gpath in _gold_files(shared):
        text, rows = _load(shared, gpath)
        vtext, vrows = V.make_variant("clutter", text, rows)
        assert _subsequence(text, vtext) and len(vtext) > len(text)
        pages.append(vtext)
        sites.update(s.name for s in V.SITES if vtext.startswith(s.name))
        for (s, e), (os_, oe) in zip(vrows[0]["scopes"], rows[0]["scopes"], strict=True):
            inside += (e - s) > (oe - os_)
    joined = "\n".join(pages)
    for furniture in ("首页", "发布", "来源：", "浏览", "ICP备", "公网安备", "网站标识码", "版权所有", "网站地图",
                      "主办", "打印", "扫一扫在手机打开当前页"):
        assert furniture in joined, furniture
    assert re.search(r"[京湘浙蜀粤蒙黔豫]ICP备\d{8}号", joined)
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", joined)
    assert len(sites) >= 8, sites
    assert inside >= 10, "clutter lines should land inside scopes, where they are judged"


def test_headings_are_recognised():
    assert V.is_heading("一、2023年工作回顾")
    assert V.is_heading("　　（一）着力扩大有效需求。")
    assert V.is_heading("二、2024年经济社会发展总体要求和政策取向")
    assert V.is_heading("主要预期目标", "　　今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。")
    assert not V.is_heading("主要预期目标", "短句")
    assert not V.is_heading("各位代表：", "现在，我代表省人民政府，向大会作政府工作报告，请予审议，并请各位政协委员提出意见。")
    assert not V.is_heading("（一）着力扩大有效需求。内需是经济发展的基本动力，也是满足人民日益增长的美好生活需要的必然要求。")
    assert not V.is_heading("信访条例", "》，畅通了信访渠道，规范了信访秩序。稳步推进司法体制改革。深入开展规范执法行为。", "实施新的《")
    text = "一、2023年工作回顾\n\n　　过去一年，地区生产总值增长5.2%。\n二、2024年工作安排\n（一）扩大内需\n　　今年增长5%左右。\n"
    gold = [{"doc": "t.txt", "region": "全国", "report_year": 2024, "scopes": [[0, len(text)]]}]
    assert V.run_in_headings(text, gold)[0] == \
        "一、2023年工作回顾过去一年，地区生产总值增长5.2%。\n二、2024年工作安排（一）扩大内需今年增长5%左右。\n"
    short = "甲\r\n\r\n　　乙 \n丙"
    gold = [{"doc": "t.txt", "region": "全国", "report_year": 2024, "scopes": [[0, len(short)]]}]
    assert V.flatten(short, gold)[0] == "甲　　乙丙"
    assert V.flatten(short, gold, " ")[0] == "甲 　　乙 丙"


# --------------------------------------------------------------------------------------------
# the mapping on random texts

_ALPHABET = list("一二三四五六七八九十、（）()。，；：增长5%0123.万亿元过去一年今年年工作回顾安排左右以上主要目标"
                 "政府报告《》 \t\u3000\u200b\r\n\n\n")


@st.composite
def _docs(draw):
    text = draw(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=400))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=12)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    scope = draw(st.one_of(st.just((0, n)), st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)))
    head = {"doc": draw(st.sampled_from(["corpus/x/a.txt", "seeds/b.txt", "c.txt"])), "region": "全国",
            "report_year": 2024, "scopes": [list(scope)]}
    items = [{"kind": "result", "indicator": "x", "text": text[a:b], "start": a, "end": b} for a, b in spans]
    return text, [head, *items]


def _check_exact(vtext: str, rows: list[dict]) -> None:
    for item in rows[1:]:
        assert 0 <= item["start"] <= item["end"] <= len(vtext)
        assert vtext[item["start"]:item["end"]] == item["text"]
    for s, e in rows[0]["scopes"]:
        assert 0 <= s < e <= len(vtext)


_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_docs(), st.sampled_from(["", " "]))
def test_flatten_never_crashes_and_spans_are_exact(doc, sep):
    text, gold = doc
    vtext, vrows = V.flatten(text, gold, sep)
    _check_exact(vtext, vrows)
    assert "\n" not in vtext and "\r" not in vtext
    assert _nows(vtext) == _nows(text)
    for old, new in zip(gold[1:], vrows[1:], strict=True):
        assert _nows(new["text"]) == _nows(old["text"])
        a, b = old["start"], old["end"]
        if not re.search(r"[\r\n]", text[max(0, a - 1):b + 1]) and not re.search(r"[ \t]", text[b:b + 1]):
            assert new["text"] == old["text"]


@_SETTINGS
@given(_docs())
def test_run_in_never_crashes_and_spans_are_exact(doc):
    text, gold = doc
    vtext, vrows = V.run_in_headings(text, gold)
    _check_exact(vtext, vrows)
    assert _nows(vtext) == _nows(text)
    assert vtext.count("\n") <= text.count("\n")
    for old, new in zip(gold[1:], vrows[1:], strict=True):
        assert _nows(new["text"]) == _nows(old["text"])


@_SETTINGS
@given(_docs(), st.integers(0, 2**32 - 1))
def test_clutter_never_crashes_and_never_enters_an_item(doc, seed):
    text, gold = doc
    vtext, vrows = V.clutter(text, gold, seed)
    _check_exact(vtext, vrows)
    assert _subsequence(text, vtext)
    assert vtext.startswith(tuple(s.name for s in V.SITES))
    for old, new in zip(gold[1:], vrows[1:], strict=True):
        assert new["text"] == old["text"]
    for (s, e), (os_, oe) in zip(vrows[0]["scopes"], gold[0]["scopes"], strict=False):
        assert _subsequence(text[os_:oe], vtext[s:e])
    assert V.clutter(text, gold, seed) == (vtext, vrows)


@_SETTINGS
@given(_docs(), st.sampled_from(V.ALL_KINDS))
def test_every_kind_never_crashes_and_spans_are_exact(doc, kind):
    text, gold = doc
    vtext, vrows = V.make_variant(kind, text, gold)
    _check_exact(vtext, vrows)


def _naive(text: str, edits: list[V.Edit], a: int, b: int) -> str:
    """What became of text[a:b], character by character (the reference for OffsetMap.span)."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [(i, i + 1, text[i]) for i in range(pos, e.start)]
        out.append((e.start, e.end, e.new))
        pos = e.end
    out += [(i, i + 1, text[i]) for i in range(pos, len(text))]
    keep = [s for os_, oe, s in out if (a < os_ < b if os_ == oe else a <= os_ and oe <= b)]
    return "".join(keep)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_offset_map_agrees_with_a_character_by_character_reference(data):
    text = data.draw(st.text(alphabet="ab\nc", max_size=40))
    n = len(text)
    points = sorted(data.draw(st.lists(st.integers(0, n), max_size=10)))
    edits, pos = [], 0
    for p, q in zip(points[::2], points[1::2], strict=False):
        if p < pos:
            continue
        edits.append(V.Edit(p, q, data.draw(st.sampled_from(["", "X", "YZ"]))))
        pos = q + (1 if p == q else 0)
    random.Random(n).shuffle(edits)
    new, omap = V.apply_edits(text, edits)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    s, e = omap.span(a, b)
    assert 0 <= s <= e <= len(new)
    assert new[s:e] == _naive(text, [x for x in edits if x.start != x.end or x.new], a, b)
    if not any(a <= x.start <= b or a <= x.end <= b or x.start < a < x.end for x in edits):
        assert new[s:e] == text[a:b]


# --------------------------------------------------------------------------------------------
# scored: the extractor on the variants of the dev gold and the silver set


def _score_variants(shared: Path, kind: str, gold_set: str, tmp: Path) -> dict:
    gold_in = shared / "gold" / "dev" if gold_set == "dev" else SILVER
    root, gold_dir, pred_dir = tmp / "root", tmp / "gold", tmp / "pred"
    pred_dir.mkdir(parents=True)
    V.write_variants(kind, shared, gold_in, root, gold_dir)
    return scoring.score(shared, gold_dir, root, pred_dir)


@pytest.fixture(scope="module", params=[(k, s) for k in V.KINDS for s in ("dev", "silver")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def variant_scores(request, shared, tmp_path_factory):
    kind, gold_set = request.param
    return kind, gold_set, _score_variants(shared, kind, gold_set, tmp_path_factory.mktemp(f"{kind}-{gold_set}"))


def test_variant_strict_f1_meets_the_bar(variant_scores):
    kind, gold_set, s = variant_scores
    assert s["strict"]["f1"] >= BARS[kind][gold_set], "\n".join(s["errors"])
