"""How Chinese reports mark structure on the page: heading numbers and sentence ends.

Shared by the readers that must rebuild lines into paragraphs (PDF, soft breaks in DOCX) or spot
headings that were typed rather than styled (plain text, HTML, DOCX without heading styles).
"""

from __future__ import annotations

import re

# A line that starts with one of these opens a new block: 一、 （一） 1. 1、 （1） 第一章 第一节 第一部分
HEADING_MARKERS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:部分|章|篇)"), 1),
    (re.compile(r"[一二三四五六七八九十]{1,3}[、．.]"), 1),
    (re.compile(r"第[一二三四五六七八九十百零〇\d]+节"), 2),
    (re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]"), 2),
    (re.compile(r"\d{1,2}[、．.](?!\d)"), 3),
    (re.compile(r"[（(]\d{1,2}[）)]"), 4),
    (re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"), 5),
)
# The level of ① ②: items that are as often run into one paragraph as set one to a line.
RUN_IN_LEVEL = 5

# A line ending with one of these may end a paragraph; a line ending otherwise continues it.
SENTENCE_END = frozenset("。！？；：!?;:」』”’）)》")

# Longest line we still take for a heading when it carries a heading number; longer ones are
# paragraphs with a run-in heading ("（一）着力扩大国内需求。推动消费……").
MAX_HEADING_CHARS = 40

_ASCII_WORD = re.compile(r"[A-Za-z]")
_UNIT_RUN_END = re.compile(r"[0-9０-９][A-Za-z]+$")


def heading_marker_level(line: str) -> int | None:
    """The level a heading number at the start of ``line`` implies, else None.

    >>> heading_marker_level("一、2023年工作回顾"), heading_marker_level("（二）扩大内需")
    (1, 2)
    >>> heading_marker_level("1.5万亿元") is None, heading_marker_level("2024年") is None
    (True, True)
    """
    s = line.lstrip(" \t\u3000")
    for pattern, level in HEADING_MARKERS:
        if pattern.match(s):
            return level
    return None


def heading_level(line: str) -> int | None:
    """Level of ``line`` if it reads as a heading of its own (numbered, short, not a sentence).

    >>> heading_level("二、2024年政府工作任务"), heading_level("（一）着力扩大国内需求。推动消费持续扩大。")
    (1, None)
    """
    s = line.strip(" \t\u3000")
    if len(s) > MAX_HEADING_CHARS or "。" in s[:-1]:
        return None
    return heading_marker_level(s)


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends where a paragraph may end."""
    s = line.rstrip(" \t\u3000")
    return bool(s) and s[-1] in SENTENCE_END


def soft_join(left: str, right: str) -> str:
    """The separator for a line break inside a paragraph: nothing in Chinese, a space between words.

    A unit written in letters right after digits is one run however it was wrapped (7000P | F).

    >>> soft_join("地区生产总值增长", "6%左右"), soft_join("new", "energy"), soft_join("算力达7000P", "F")
    ('', ' ', '')
    """
    if not left or not right:
        return ""
    a, b = left.rstrip()[-1:], right.lstrip()[:1]
    if _ASCII_WORD.match(a) and _ASCII_WORD.match(b) and not _UNIT_RUN_END.search(left.rstrip()):
        return " "
    return ""


# A line that stops inside a figure: on a digit (4.6 | %), a decimal point (4. | 6%), a thousands
# separator (1,2 | 34) or a magnitude right after digits (70万 | 人). A report never ends a
# paragraph on a bare figure, so the next line goes on with it.
_NUMBER_END = re.compile(r"[0-9０-９](?:[.．,]|[万亿]{1,2})?$")


def splits_number(left: str, right: str) -> bool:
    """Does the break between ``left`` and ``right`` fall inside a figure or its unit?

    >>> [splits_number(a, b) for a, b in [("增长4.", "6%左右"), ("增长5", ".8%"), ("投资1,2", "34亿元"),
    ...                                   ("新增就业12", "万人"), ("城镇新增就业70万", "人，"), ("2024", "年")]]
    [True, True, True, True, True, True]
    >>> [splits_number(a, b) for a, b in [("增长6%", "左右"), ("增长4.6%，", "城镇"), ("完成投资1500亿元", "。"),
    ...                                   ("增长5，", "6%"), ("增长5", "")]]
    [False, False, False, False, False]
    """
    a, b = left.rstrip(" \t\u3000"), right.strip(" \t\u3000")
    return bool(a and b and _NUMBER_END.search(a))


def guess_title(lines: list[str]) -> str | None:
    """A title from the first lines when the file carries none: short and not a sentence.

    >>> guess_title(["", "政府工作报告", "各位代表："])
    '政府工作报告'
    """
    for line in lines[:5]:
        s = line.strip(" \t\u3000\ufeff\u200b")
        if not s:
            continue
        if len(s) <= 40 and s[-1] not in "。，；：:,;" and s.isprintable():
            return s
        return None
    return None
