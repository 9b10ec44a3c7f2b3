"""Fixed-width terminal columns for Chinese text: a CJK character takes two cells."""

from __future__ import annotations

import unicodedata


def display_width(s: str) -> int:
    """Terminal cells ``s`` takes.

    >>> display_width("GDP增长")
    7
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def fit(s: str, width: int) -> str:
    """``s`` padded or cut (with …) to exactly ``width`` cells.

    >>> fit("城镇新增就业", 8), fit("就业", 6)
    ('城镇新… ', '就业  ')
    """
    out, w = "", 0
    for c in s:
        cw = display_width(c)
        if w + cw > width:
            while out and w > width - 1:
                w -= display_width(out[-1])
                out = out[:-1]
            return out + "…" + " " * (width - w - 1)
        out, w = out + c, w + cw
    return out + " " * (width - w)
