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
_MOJIBAKE = re.compile(r"[\ue000-\uf8ff\u3040-\u30ff\u0400-\u04ff\u3100-\u312f\u2500-\u257f\ufffd]")
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
        return Decoded(universal_newlines(data.decode("utf-8")), "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.start >= len(data) - 3 and _decodes(data[: utf8_error.start], "utf-8"):
        # A UTF-8 file cut off inside its last character (head -c, an interrupted download).
        text = data[: utf8_error.start].decode("utf-8")
        return Decoded(universal_newlines(text), "utf-8", "file ends inside a UTF-8 character; last bytes dropped")
    candidates = []
    for codec, name in _CJK_CODECS:
        if name.startswith("big5") and any(n.startswith("big5") for _, n, _ in candidates):
            continue
        try:
            candidates.append((codec, name, data.decode(codec)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return _mostly_utf8(data)
    codec, name, text = _choose(data, candidates)
    return Decoded(universal_newlines(text), name)


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


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _choose(data: bytes, candidates: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    if len(candidates) == 1:
        return candidates[0]
    scored = sorted(candidates, key=lambda c: len(_MOJIBAKE.findall(c[2])))
    best, runner_up = scored[0], scored[1]
    if len(_MOJIBAKE.findall(best[2])) < len(_MOJIBAKE.findall(runner_up[2])):
        return best
    guess = from_bytes(data[:65536], cp_isolation=[c for c, _, _ in candidates]).best()
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
