"""Reading numbers as written in reports: 4.6, 1,245, 1.1万亿, 十六, 两万, 一万三千, 万亿.

A grammar table of our own rather than cn2an: cn2an reads 1.1万亿 as 11000 and does not know
magnitude words after Arabic digits, which is how nearly every report figure is written.
All values are ``Decimal`` so that 613.6亿 is exactly 61360000000.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from luoshi.grammar.tables import load


class NumberError(ValueError):
    """The string is not a number this grammar can read."""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, Decimal]]:
    n = load("numerals")
    mags = {k: Decimal(v) for k, v in n["magnitudes"].items()}
    return n["digits"], n["places"], n["sections"], mags


def chinese_chars() -> str:
    """Every character a Chinese numeral may contain (for building patterns)."""
    digits, places, sections, _ = _tables()
    return "".join(dict.fromkeys([*digits, *places, *sections]))


def magnitude_words() -> list[str]:
    """Magnitude words, longest first so that 万亿 wins over 万."""
    return sorted(_tables()[3], key=len, reverse=True)


def magnitude(word: str) -> Decimal:
    """The multiplier of a magnitude word (``万`` -> 10000); 1 for the empty string."""
    if not word:
        return Decimal(1)
    try:
        return _tables()[3][word]
    except KeyError:
        raise NumberError(f"not a magnitude word: {word!r}") from None


def parse_arabic(s: str) -> Decimal:
    """``1,245.5`` -> 1245.5. Thousands separators are dropped; full-width input is folded earlier.

    >>> parse_arabic("1,245"), parse_arabic("4.6")
    (Decimal('1245'), Decimal('4.6'))
    """
    try:
        return Decimal(s.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise NumberError(f"not an Arabic number: {s!r}") from None


def parse_chinese(s: str) -> Decimal:
    """Read a Chinese numeral: ``十六`` 16, ``两万`` 20000, ``一万三千`` 13000, ``三百零五`` 305.

    Arabic digits may stand for Chinese ones (``5万4千6百`` 54600); a bare digit after a place
    word is one place lower (``两千四百五`` 2450); a string of digits alone (``二〇二四``) is read
    digit by digit.

    >>> parse_chinese("十六"), parse_chinese("一万三千"), parse_chinese("二〇二四"), parse_chinese("四百五")
    (Decimal('16'), Decimal('13000'), Decimal('2024'), Decimal('450'))
    """
    digits, places, sections, _ = _tables()
    tokens = _tokens(s, digits, places, sections)
    if all(kind == "d" for kind, _ in tokens) and all(c in digits for c in s):
        return Decimal("".join(str(digits[c]) for c in s))
    total = Decimal(0)  # completed sections (亿, 万)
    section = Decimal(0)  # current section below 万
    digit: Decimal | None = None
    last_place = 0
    zero_seen = False
    last_section = Decimal(0)
    for kind, val in tokens:
        if kind == "d":
            if val == 0:
                zero_seen = True
                continue  # 零 only marks a gap: 一千零十二 is 1012
            digit = val
        elif kind == "p":
            section += (1 if digit is None else digit) * val
            last_place, digit, zero_seen = val, None, False
            last_section = Decimal(0)
        else:  # 万 / 亿 (万万 is 亿)
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = Decimal(1)
            if total and total < val:
                total = (total + section) * val
            elif section == 0:
                total *= val
            else:
                total += section * val
            section, last_place, last_section = Decimal(0), 0, val
    if digit is not None and not zero_seen:
        if last_place >= 100:
            digit = digit * last_place / 10  # 两千四百五 -> 2450
        elif last_section and not section:
            digit = digit * last_section / 10  # 一万三 -> 13000
    return total + section + (digit or 0)


def _tokens(s: str, digits, places, sections) -> list[tuple[str, Decimal]]:
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(s):
        m = _ARABIC.match(s, i)
        if m:
            out.append(("d", parse_arabic(m.group(0))))
            i = m.end()
            continue
        c = s[i]
        if c in digits:
            out.append(("d", Decimal(digits[c])))
        elif c in places:
            out.append(("p", Decimal(places[c])))
        elif c in sections:
            out.append(("s", Decimal(sections[c])))
        else:
            raise NumberError(f"not a Chinese numeral: {s!r}")
        i += 1
    if not out:
        raise NumberError("empty numeral")
    return out


_ARABIC = re.compile(r"\d[\d,，]*(?:\.\d+)?")
# Spaces and approximation marks inside a spelled-out number (十 余 万, 二十几万) do not change its value.
_APPROX_MARKS = frozenset(" 　多余几")


def _fraction(s: str) -> Decimal:
    """``三分之一`` 1/3, ``3又一千分之23`` 3.023: the number after 分之 over the one before."""
    whole, _, frac = s.rpartition("又")
    den, _, num = frac.partition("分之")
    value = parse_number(num) / parse_number(den)
    return (parse_number(whole) if whole else Decimal(0)) + value


def parse_number(s: str, mag: str = "") -> Decimal:
    """A whole written number, Arabic or Chinese, with an optional magnitude word after it.

    >>> parse_number("1.1", "万亿"), parse_number("613.6", "亿"), parse_number("", "万亿")
    (Decimal('1100000000000.0'), Decimal('61360000000.0'), Decimal('1000000000000'))
    """
    s = "".join(c for c in s if c not in _APPROX_MARKS)
    if "分之" in s:
        return _fraction(s) * magnitude(mag)
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = _tables()[0]
        n = len(frac)
        while n and frac[n - 1] not in digits:
            n -= 1  # 三点五亿: the magnitude after the fraction applies to the whole number
        frac, after = frac[:n], frac[n:]
        if not frac or any(c not in digits for c in frac) or after and after not in _tables()[3]:
            raise NumberError(f"not a decimal numeral: {s!r}")
        value = (parse_number(whole) if whole else Decimal(0)) + Decimal("0." + "".join(str(digits[c]) for c in frac))
        return value * magnitude(after) * magnitude(mag)
    if not s:
        value = Decimal(1)
    elif _ARABIC.fullmatch(s):
        value = parse_arabic(s)
    else:
        value = parse_chinese(s)
    return value * magnitude(mag)
