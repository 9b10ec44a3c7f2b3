"""Word's automatic numbering, rendered as the reader of the document sees it.

Reports typed in Word/WPS often number their headings and lists automatically, so "一、" or
"（二）" is not in the paragraph's text but in numbering.xml. Without it a heading loses the
number that marks it as one, and "分别为：1. …" lists lose their order. We keep counters per
list as Word does and format them with the level's numFmt and lvlText.
"""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_number(n: int) -> str:
    """一, 十, 十一, 二十三, 一百零五: how Chinese documents count headings.

    >>> [chinese_number(n) for n in (1, 10, 11, 23, 105)]
    ['一', '十', '十一', '二十三', '一百零五']
    """
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out += "零"
            out += ("" if (unit == "十" and digit == 1 and not out) else _DIGITS[digit]) + unit
            zero = False
        else:
            zero = bool(out)
    return out


def format_number(n: int, fmt: str) -> str | None:
    """The label for counter ``n`` in Word's ``numFmt``; None for bullets (no number to show)."""
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified"):
        return chinese_number(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s, rest = "", n
        for value, letters in _ROMAN:
            while rest >= value:
                s, rest = s + letters, rest - value
        return s.upper() if fmt == "upperRoman" else s
    return str(n)


class Numbering:
    """Counters and formats for one document; ``label(p)`` advances them in document order."""

    def __init__(self, numbering_el=None, style_numbering: dict[str, tuple[str, int]] | None = None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (abstract id, ilvl) -> fmt, text, start
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}  # (numId, ilvl) -> start override
        self.style_numbering = style_numbering or {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if numbering_el is None:
            return
        for abstract in numbering_el.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            for lvl in abstract.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                self.levels[(aid, ilvl)] = (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                            int(_val(lvl, "start") or 1))
        for num in numbering_el.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            self.abstract_of[nid] = _val(num, "abstractNumId") or ""
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    self.overrides[(nid, int(override.get(f"{W}ilvl", "0")))] = int(start)

    def label(self, p, style_id: str | None) -> str | None:
        """The rendered number of paragraph ``p`` ("一、", "（2）"), "" when unnumbered, None for a bullet."""
        num_id, ilvl = _num_pr(p)
        if num_id is None and style_id in self.style_numbering:
            num_id, style_ilvl = self.style_numbering[style_id]
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        ilvl = min(ilvl or 0, 9)
        aid = self.abstract_of.get(num_id)
        if aid is None or (aid, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:  # "restart numbering" is a new num with a start override
            self.started.add(num_id)
            for (nid, lvl), start in self.overrides.items():
                if nid == num_id and lvl < 10:
                    counters[lvl] = start - 1
        if counters[ilvl] is None:
            counters[ilvl] = self.levels[(aid, ilvl)][2] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        fmt, text, _ = self.levels[(aid, ilvl)]
        if fmt == "bullet":
            return None
        for level in range(ilvl, -1, -1):
            level_fmt, _, start = self.levels.get((aid, level), ("decimal", "", 1))
            count = counters[level]
            shown = format_number(start if count is None else count, level_fmt) or ""
            text = text.replace(f"%{level + 1}", shown)
        return text


def join_label(label: str | None, text: str) -> str:
    """Label and paragraph text as displayed: "一、" glued on, "1." spaced from a following digit."""
    if not label:
        return text
    if label[-1] in "、）)．" or not text[:1].isascii():
        return label + text
    return f"{label} {text}"


def _val(el, name: str) -> str | None:
    child = el.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _num_pr(p) -> tuple[str | None, int | None]:
    ppr = p.find(f"{W}pPr")
    num_pr = None if ppr is None else ppr.find(f"{W}numPr")
    if num_pr is None:
        return None, None
    ilvl = _val(num_pr, "ilvl")
    return _val(num_pr, "numId"), (int(ilvl) if ilvl and ilvl.isdigit() else None)
