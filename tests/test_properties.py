"""Property tests: any input, the extractor never crashes and every span quotes the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi import extract_text
from luoshi.normalize import canonicalize

REPORTISH = st.text(
    alphabet=st.sampled_from(list("0123456789.,%％０１２３４５６７８９．万亿千百十两一二三元人个亿斤吨增长左右以上以内超过突破"
                                  "今年过去一年国内生产总值城镇新增就业居全国第位、，。；：\n “”（）—-*■●國內總產值")),
    max_size=300,
)


def _check(text: str) -> None:
    result = extract_text(text, year=2024)
    for item in result.items:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start:item.end] == item.text
        d = item.to_dict()
        assert d["kind"] in ("target", "result", "project", "task")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH)
def test_report_like_text_never_crashes_and_spans_are_exact(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_unicode_text_never_crashes(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["utf-8", "gb18030", "big5", "latin-1"]))
def test_random_bytes_decoded_never_crash(data, encoding):
    _check(data.decode(encoding, errors="replace"))


@settings(max_examples=200, deadline=None)
@given(REPORTISH)
def test_offset_map_points_every_canonical_char_at_its_source(text):
    canon = canonicalize(text)
    assert len(canon.offsets) == len(canon.text) + 1
    assert list(canon.offsets) == sorted(canon.offsets)
    for i in range(len(canon.text)):
        s, e = canon.to_original(i, i + 1)
        assert e - s == 1


def test_very_long_input_is_handled():
    unit = "今年地区生产总值增长6%左右，城镇新增就业70万人。过去一年粮食产量突破620亿斤。\n"
    text = unit * 5000  # about 200,000 characters
    result = extract_text(text, year=2024)
    assert len(result.items) == 3 * 5000
    assert all(text[i.start:i.end] == i.text for i in result.items)
