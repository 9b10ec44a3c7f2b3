"""Named key projects from project lists (十大产业项目 followed by "- 岳阳乙烯炼化一体化；" lines)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luoshi.segment import Block

_LIST_HEADING = re.compile(r"^(?:[十百]|\d+)?大?[\u4e00-\u9fff]{0,10}(?:项目|工程)(?:清单|名单|表)?[:：]?$")
_ITEM_MARK = re.compile(r"^\s*(?:[-•·●◆◇○▪]|[①-⑳]|\(\d+\)|（\d+）|\d+[.、．])\s*")
_SPLIT = re.compile(r"[；;。]")
_MAX_NAME = 40


def is_project_heading(block: Block) -> bool:
    title = block.text.strip("*#■ ")
    return block.heading_level is not None and bool(_LIST_HEADING.match(title))


def project_names(block: Block) -> Iterator[tuple[str, int]]:
    """Names in one list line with their canonical start offsets."""
    m = _ITEM_MARK.match(block.text)
    offset = m.end() if m else 0
    body = block.text[offset:]
    pos = 0
    for part in _SPLIT.split(body):
        lead = len(part) - len(part.lstrip())
        name = part.strip().rstrip("，,、")
        if 2 <= len(name) <= _MAX_NAME and not any(ch.isdigit() for ch in name[:1]):
            yield name, block.start + offset + pos + lead
        pos += len(part) + 1


def project_blocks(blks: list[Block]) -> Iterator[tuple[Block, Block]]:
    """(heading, item line) pairs for every list line under a project-list heading."""
    heading: Block | None = None
    for b in blks:
        if is_project_heading(b):
            heading = b
            continue
        if heading is None:
            continue
        if b.is_list_item or (_ITEM_MARK.match(b.text) and len(b.text) <= 80):
            yield heading, b
        else:
            heading = None
