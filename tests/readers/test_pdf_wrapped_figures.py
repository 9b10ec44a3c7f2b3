"""A figure cut by a line end in a PDF is one figure again (issue 12).

Text-to-PDF converters and character grids wrap after a fixed count of characters: a Chinese line
holding half-width digits then ends short of the margin, and a figure is cut anywhere (增长4. |
6%左右, 5 | .8%, 1,2 | 34, 12 | 万人). Read as paragraph breaks, those cuts lost about one item in
ten. The PDFs here are such wraps of real report paragraphs; the extractor must find in them the
items it finds in the clean text.
"""

from __future__ import annotations

import re

import pytest
from readers_fixtures import DEMAND, RESULTS, TARGETS, wrap_fixed

from luoshi.pipeline import extract_document, extract_text
from luoshi.readers import read_path

# 28 characters a line is the official document grid (公文 GB/T 9704); the others move the cuts.
WIDTHS = (28, 29, 31, 33, 34, 36, 37, 40)
ENGINES = ("pdfium", "pdfplumber")
_CUT = re.compile(r"[0-9][.,]?$")


def hunan_2025(corpus) -> list[str]:
    """Four paragraphs of Hunan's 2025 report dense with figures: results, projects, targets, 民生实事."""
    lines = [x.strip("\u3000 ") for x in (corpus / "province" / "湖南省-2025.txt").read_text(encoding="utf-8").split("\n")]
    starts = ("——经济发展贡献新担当", "一是奋力拼经济", "今年经济社会发展主要预期目标是", "扎实办好“十大重点民生实事”")
    return [next(x for x in lines if x.startswith(s)) for s in starts]


@pytest.fixture
def engine(request, monkeypatch) -> str:
    """PDFium reads first; "pdfplumber" makes it fail so that the fallback reads the lines."""
    if request.param == "pdfplumber":
        import luoshi.readers.pdf as pdf_reader

        def pdfium_cannot_open(data):
            raise RuntimeError("test: pdfplumber only")

        monkeypatch.setattr(pdf_reader, "pdfium_read", pdfium_cannot_open)
    return request.param


def items(extraction) -> list[tuple]:
    return [(i.kind, i.indicator, i.value, i.unit, i.comparator, i.year) for i in extraction.items]


def cuts(wrapped: list[list[str]]) -> list[tuple[str, str]]:
    """(end of line, start of next) where a line stops inside a figure."""
    return [(a[-4:], b[:4]) for lines in wrapped for a, b in zip(lines, lines[1:], strict=False) if _CUT.search(a)]


def test_the_fixtures_really_cut_figures(corpus):
    every = [cut for width in WIDTHS for cut in cuts(wrap_fixed(hunan_2025(corpus), width))]
    assert len(every) >= 4 * len(WIDTHS)
    assert any(a.endswith(".") for a, _ in every), "a line ending in a decimal point (4. | 6%)"
    assert any(b.startswith(".") for a, b in every if not a.endswith(".")), "a line starting with one (5 | .8%)"
    assert any(b[0].isdigit() for a, b in every if a[-1].isdigit()), "digits on both sides (61 | 5.6)"
    assert any(b[0] in "万亿" for a, b in every), "a magnitude carried over (2000 | 亿元)"


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_report_paragraphs_wrapped_at_a_fixed_width_give_the_items_of_the_clean_text(make, corpus, width, engine):
    paragraphs = hunan_2025(corpus)
    doc = read_path(make.wrapped_pdf(wrap_fixed(paragraphs, width)))
    assert doc.text.split("\n") == paragraphs
    expected = items(extract_text("\n".join(paragraphs), year=2025, region="湖南省"))
    assert len(expected) >= 60
    assert items(extract_document(doc, year=2025, region="湖南省")) == expected


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
@pytest.mark.parametrize("width", (27, 30, 35))
def test_the_bundled_excerpt_wrapped_at_a_fixed_width(make, width, engine):
    """The same without the shared corpus."""
    paragraphs = [RESULTS, TARGETS, DEMAND]
    assert cuts(wrap_fixed(paragraphs, width))
    doc = read_path(make.wrapped_pdf(wrap_fixed(paragraphs, width)))
    assert doc.text.split("\n") == paragraphs
    assert items(extract_document(doc, year=2024)) == items(extract_text("\n".join(paragraphs), year=2024))


# Each line cut inside a figure, in every way the issue names; lines of about the same width.
CUT_LINES = [
    "\u3000\u3000今年经济社会发展主要预期目标是：地区生产总值增长4.",
    "6%左右，一般公共预算收入增长3%，城镇调查失业率控制在5",
    ".5%以内，规模以上工业增加值增长6%以上，完成投资1,2",
    "34亿元，居民消费价格涨幅3%左右，城镇新增就业12",
    "万人以上，粮食产量616亿斤左右，新建5G基站1.2万个，总算力达7000P",
    "F以上。",
]


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_each_kind_of_cut_figure_is_joined(make, engine):
    paragraph = "".join(CUT_LINES).strip("\u3000")
    doc = read_path(make.wrapped_pdf([CUT_LINES, ["\u3000\u3000各位代表，让我们团结一心、奋发有为。"]]))
    assert doc.text.split("\n") == [paragraph, "各位代表，让我们团结一心、奋发有为。"]
    got = items(extract_document(doc, year=2024))
    assert got == items(extract_text(paragraph, year=2024))
    assert {(str(i[2]), i[3]) for i in got} >= {("4.6", "%"), ("5.5", "%"), ("123400000000", "元"),
                                                ("120000", "人"), ("7000", "PF")}


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_short_rows_ending_in_figures_stay_apart(make, engine):
    """An unruled table of years: each row ends in a figure, the next starts with one, but the
    rows are far from the margin, so they are not a wrapped figure."""
    body = wrap_fixed([TARGETS * 2], 30)
    rows = [["2022 4.5"], ["2023 4.6"], ["2024 4.8"]]
    doc = read_path(make.wrapped_pdf([*body, *rows]))
    assert doc.text.split("\n")[-3:] == ["2022 4.5", "2023 4.6", "2024 4.8"]
