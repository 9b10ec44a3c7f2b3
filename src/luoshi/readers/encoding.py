"""Turn the bytes of a Chinese text file into text without guessing wrong.

Reports come as UTF-8 (with or without BOM), GB18030/GBK/GB2312 (mainland Windows, gov sites)
or Big5 (Taiwan, Hong Kong, old archives). Statistical detectors alone mis-read short Chinese
text (charset-normalizer calls a 10-character GB sentence UTF-16), so we first try the codecs
strictly, in an order that cannot confuse them: UTF-8 is self-validating; GB18030 and Big5
overlap, so when both decode we keep the one whose result has no tell-tale mojibake (Big5 read
as GB18030 gives Private Use Area characters; GB read as Big5 gives kana, Cyrillic, bopomofo),
and let charset-normalizer break a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Codecs tried after UTF-8, in order; names as the user knows them.
_CJK_CODECS = (("gb18030", "gb18030"), ("cp950", "big5"), ("big5hkscs", "big5-hkscs"))
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
            "big5": "cp950", "x-big5": "cp950", "cp950": "cp950", "big5-hkscs": "big5hkscs",
            "utf-8": "utf-8", "utf8": "utf-8"}
# Characters a government report practically never holds but a wrong CJK codec produces.
_MOJIBAKE = re.compile(r"[\ue000-\uf8ff\u3040-\u30ff\u0400-\u04ff\u3100-\u312f\u2500-\u257f\ufe10-\ufe6f\ufffd]")
# The 200 commonest characters of the report corpus, simplified and as Big5 text writes them
# (OpenCC s2tw): a tie between GB18030 and Big5 goes to the reading that looks like a report.
_COMMON_SIMPLIFIED = frozenset(
    "的业和国发建展大化进一全工新加产实中人设力民动政生经推高增要作制地会年改重行强有持在区务体提能成资等保济主社合家"
    "不是平农开以基个我好理市企面施长为现上入革用量城治项深定度各质创方点机坚出水育对技造服代法快同五公完分科了续学万"
    "性文支们目本系品效到升事规级部心三优步稳多安投义共更善十关场策教活管省域村利领金就府总放程结外费决自源通标融群收"
    "计应向时统亿积划元整商来期构位这态于调型促特防护极下运取立营消落")
_COMMON_TRADITIONAL = frozenset(
    "的業和國發建展大化進一全工新加產實中人設力民動政生經推高增要作制地會年改重行強有持在區務體提能成資等保濟主社合家"
    "不是平農開以基個我好理市企面施長為現上入革用量城治項深定度各質創方點機堅出水育對技造服代法快同五公完分科了續學萬"
    "性文支們目本系品效到升事規級部心三優步穩多安投義共更善十關場策教活管省域村利領金就府總放程結外費決自源通標融群收"
    "計應向時統億積劃元整商來期構位這態於調型促特防護極下運取立營消落")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 26, 27))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None


def looks_binary(prefix: bytes) -> bool:
    """True for bytes no text file starts with: NULs or many control characters.

    Only a prefix is looked at, so that 50 MB of random bytes are refused at once.

    >>> looks_binary("各位代表：".encode("gb18030")), looks_binary(b"\\x00\\x01abc")
    (False, True)
    """
    if any(prefix.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in prefix:
        return True
    controls = len(prefix) - len(prefix.translate(None, _CONTROL))
    return controls > max(2, len(prefix) // 100)


def universal_newlines(text: str) -> str:
    r"""Newlines as ``open(path).read()`` gives them, so offsets agree with annotations made that way.

    >>> universal_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_text(data: bytes) -> Decoded | None:
    """Decode a text file; None when no known encoding fits.

    UTF-8 keeps its BOM as U+FEFF, as ``open(path, encoding="utf-8")`` does, because gold
    annotations index text read that way.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(universal_newlines(data[len(bom):].decode(codec)), codec)
            except UnicodeDecodeError:
                return None
    try:
        text = data.decode("utf-8")
        if not _two_byte_only(text):
            return Decoded(universal_newlines(text), "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8")
        utf8 = Decoded(universal_newlines(text), "utf-8")
    except UnicodeDecodeError as e:
        utf8 = None
        if e.reason == "unexpected end of data" and e.start > 0 and not data[: e.start].isascii():
            # A UTF-8 file cut off inside its last character (head -c, an interrupted download).
            text = data[: e.start].decode("utf-8", errors="replace")
            if "\ufffd" not in text:
                return Decoded(universal_newlines(text), "utf-8", "file ends inside a UTF-8 character; last bytes dropped")
    candidates = []
    for codec, name in _CJK_CODECS:
        if name.startswith("big5") and any(n.startswith("big5") for _, n, _ in candidates):
            continue
        try:
            candidates.append((codec, name, data.decode(codec)))
        except UnicodeDecodeError:
            continue
    if utf8 is not None:  # GB/Big5 bytes that happen to pair into valid UTF-8 (一 = D2 BB = U+04BB)
        candidates = [c for c in candidates if not _MOJIBAKE.search(c[2]) and _CJK_CHAR.search(c[2])]
        if not candidates:
            return utf8
    if not candidates:
        return _mostly_utf8(data)
    codec, name, text = _choose(data, candidates)
    return Decoded(universal_newlines(text), name)


def _two_byte_only(text: str) -> bool:
    """UTF-8 that could be GB or Big5 by accident: Chinese in real UTF-8 takes three bytes a
    character, so non-ASCII text with no character past U+07FF, no letters and no spaces is
    more likely two-byte Chinese that happens to be valid UTF-8."""
    if text.isascii():
        return False
    return all(ord(c) < 0x800 for c in text) and not re.search(r"[A-Za-z\s]", text.strip())


def decode_html(data: bytes) -> Decoded | None:
    """Decode a web page: UTF-8 if it is valid, else the charset the page declares, else guess.

    UTF-8 comes first because sites often declare gb2312 while serving UTF-8, and valid UTF-8
    is never Chinese in another encoding by accident.
    """
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-8-sig"), "utf-8")
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:4096])
        codec = _ALIASES.get(m.group(1).decode("ascii").lower()) if m else None
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass
    return decode_text(data)


def _choose(data: bytes, candidates: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    if len(candidates) == 1:
        return candidates[0]
    def score(candidate: tuple[str, str, str]) -> tuple[int, int]:
        sample = candidate[2][:20000]
        common = _COMMON_TRADITIONAL if candidate[1].startswith("big5") else _COMMON_SIMPLIFIED
        return len(_MOJIBAKE.findall(sample)), -sum(ch in common for ch in sample)

    scored = sorted(candidates, key=score)
    best, runner_up = scored[0], scored[1]
    if score(best) < score(runner_up):
        return best
    # A tie: no punctuation or rare characters to tell them apart. Statistics need some text;
    # on a few characters, mainland GB18030 is the likelier answer.
    guess = from_bytes(data[:65536], cp_isolation=[c for c, _, _ in candidates]).best() if len(data) >= 64 else None
    if guess is not None:
        for cand in candidates:
            if cand[0].replace("-", "_") == guess.encoding or cand[1] == guess.encoding:
                return cand
    return best


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes is still UTF-8: keep it, with U+FFFD for the damage."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text[:200000] if ord(ch) > 127)
    if bad and bad * 100 <= non_ascii:
        return Decoded(universal_newlines(text), "utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced by �")
    return None
