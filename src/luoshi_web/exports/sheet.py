"""The assignment table (分工表) as a file: writing it, and reading back what an office filled in.

Text that looks like a formula (=…, +…, -…, @…) is written as quote-prefixed text, never a formula
(:mod:`~luoshi_web.exports.formulas`); it reads back as written. No database here: :func:`write` takes plain rows and :func:`read` gives plain cells with their Excel
row numbers, so the rules of what a row *means* live in ``sheet_plan.py``. The layout is what
offices using Excel or WPS expect: a title row, a note row, one header row, then one row per task;
序号, 类别, 指标/任务, 目标值, 单位, 牵头单位, 配合单位, 完成时限, and a 任务编号 column that ties a
row back to its task however the rows are sorted or filtered.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from luoshi_web.display import Figure, excel_number
from luoshi_web.errors import DomainError
from luoshi_web.exports.formulas import protect_cell

SHEET = "分工表"
UNITS_SHEET = "单位清单"
HEADERS = ("序号", "类别", "指标/任务", "目标值", "单位", "牵头单位", "配合单位", "完成时限", "任务编号（勿改）")
KEYS = ("number", "category", "indicator", "target", "unit", "lead", "supporting", "deadline", "id")
EDITABLE = {"category", "lead", "supporting", "deadline"}
WIDTHS = (6, 14, 40, 12, 8, 24, 30, 13, 12)
NOTE = ("说明：白色列（类别、牵头单位、配合单位、完成时限）可填写，灰色列仅供参考、导入时不读取；"
        "多个配合单位用顿号“、”分隔；完成时限写成 2024-12-31；请勿修改或删除“任务编号”列。")
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 10
# Header spellings offices use for the same column (after normalising).
ALIASES = {
    "序号": "number", "类别": "category", "分类": "category", "指标/任务": "indicator", "指标": "indicator",
    "任务": "indicator", "重点任务": "indicator", "目标值": "target", "目标": "target", "单位": "unit",
    "计量单位": "unit", "牵头单位": "lead", "责任单位": "lead", "配合单位": "supporting", "协办单位": "supporting",
    "完成时限": "deadline", "完成时间": "deadline", "时限": "deadline", "任务编号": "id", "编号": "id",
}
SPLIT_UNITS = re.compile(r"[、,，;；/／\n\r\t ]+")


@dataclass(frozen=True)
class SheetRow:
    """One data row as read: its Excel row number and the cells of the columns found."""

    row: int
    cells: dict[str, object]

    def get(self, key: str) -> object:
        return self.cells.get(key)


def normalise(text: str) -> str:
    """Width and spacing variants of a name or header compare equal: （）→(), no spaces.

    >>> normalise(" 省人力资源和社会保障厅（省医保局） ")
    '省人力资源和社会保障厅(省医保局)'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def header_key(text: object) -> str | None:
    """The column a header names, whatever spelling offices use.

    >>> header_key("任务编号（勿改）"), header_key(" 牵头 单位 "), header_key("备注")
    ('id', 'lead', None)
    """
    if text is None:
        return None
    name = re.sub(r"\(.*?\)", "", normalise(str(text)))
    return ALIASES.get(name)


def split_units(text: object) -> list[str]:
    """Unit names from one cell, however they are separated.

    >>> split_units("省统计局、省财政厅， 省教育厅")
    ['省统计局', '省财政厅', '省教育厅']
    """
    if text is None:
        return []
    return [part for part in SPLIT_UNITS.split(str(text).strip()) if part]


DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:前)?$")
DATE_YM_END = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:底|末)?(?:前)?$")
DATE_Y_END = re.compile(r"^(\d{4})\s*年?(?:底|末)(?:前)?$")


def parse_deadline(value: object, *, year: int) -> date | None:
    """A deadline as offices write it; ``None`` when blank. Raises ``ValueError`` saying why not.

    >>> parse_deadline("2024年6月30日", year=2024), parse_deadline("2024/9", year=2024), parse_deadline("年底前", year=2024)
    (datetime.date(2024, 6, 30), datetime.date(2024, 9, 30), datetime.date(2024, 12, 31))
    >>> parse_deadline(45657, year=2024)
    datetime.date(2024, 12, 31)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 < value < 80_000:  # an Excel date serial whose cell lost its date format
            return from_excel(value).date()
        raise ValueError(_("“%(value)s”不是日期") % {"value": value})
    text = normalise(str(value))
    if text in {"年底", "年底前", "年末", "年内", "全年"}:
        return date(year, 12, 31)
    try:
        if m := DATE_YMD.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := DATE_YM_END.match(text):
            return month_end(int(m[1]), int(m[2]))
        if m := DATE_Y_END.match(text):
            return date(int(m[1]), 12, 31)
    except ValueError:
        raise ValueError(_("“%(value)s”不是有效的日期") % {"value": value}) from None
    raise ValueError(_("“%(value)s”不是日期") % {"value": value})


def month_end(year: int, month: int) -> date:
    """The last day of a month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month {month}")
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- writing ---------------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
GREY = PatternFill("solid", fgColor="EEEEEE")


def write(title: str, rows: Iterable[Sequence[object]], unit_names: Sequence[str]) -> bytes:
    """The workbook: the 分工表 sheet, and a list of unit names that the 牵头单位 column offers.

    A :class:`~luoshi_web.display.Figure` in a row becomes a number cell (615, shown ``615左右``)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ncol = len(HEADERS)
    last = get_column_letter(ncol)
    ws.append([title])
    protect_cell(ws["A1"])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([NOTE])
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[2].height = 32
    ws.append(list(HEADERS))
    for col in range(1, ncol + 1):
        c = ws.cell(row=3, column=col)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    n = 3
    styles = [_column_style(wb, key) for key in KEYS]  # named styles: setting one per cell is cheap
    for values in rows:
        values = list(values)
        figures = {i: v for i, v in enumerate(values) if isinstance(v, Figure)}
        for i in figures:
            values[i] = None
        ws.append(values)
        n += 1
        for col, style in enumerate(styles, 1):
            cell = ws.cell(row=n, column=col)
            cell.style = style
            protect_cell(cell)  # a name from a report must not run as a formula
        for i, fig in figures.items():  # a number cell, its qualifier in the format; the unit has its column
            cell = ws.cell(row=n, column=i + 1)
            cell.value, cell.number_format = excel_number(fig, unit_in_format=False)
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{last}{max(n, 4)}"

    units = wb.create_sheet(UNITS_SHEET)
    units.append(["单位名称"])
    for name in unit_names:
        units.append([name])
        protect_cell(units.cell(row=units.max_row, column=1))
    units.column_dimensions["A"].width = 32
    if unit_names:
        lead_col = get_column_letter(KEYS.index("lead") + 1)
        dv = DataValidation(type="list", formula1=f"'{UNITS_SHEET}'!$A$2:$A${len(unit_names) + 1}", allow_blank=True,
                            showErrorMessage=False)
        dv.prompt, dv.promptTitle = "从单位清单中选择，或照清单原样填写", "牵头单位"
        ws.add_data_validation(dv)
        dv.add(f"{lead_col}4:{lead_col}{max(n, 4) + 200}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _column_style(wb: Workbook, key: str) -> str:
    """A named style per kind of column (grey when read-only, wrapped for long text, dates as dates);
    a province's sheet has 18,000 cells and openpyxl hashes every style object set on a cell."""
    name = f"luoshi-{key}"
    if name not in wb.named_styles:
        style = NamedStyle(name=name, border=Border(top=THIN, bottom=THIN, left=THIN, right=THIN),
                           alignment=Alignment(vertical="top", wrap_text=key in {"indicator", "supporting"}))
        if key not in EDITABLE:
            style.fill = GREY
        if key == "deadline":
            style.number_format = "yyyy-mm-dd"
        wb.add_named_style(style)
    return name


# --- reading ---------------------------------------------------------------------------------

def read(data: bytes) -> tuple[list[SheetRow], set[str]]:
    """The data rows of the first 分工表-like sheet, and which columns it has.

    Raises :class:`DomainError` when the file is not a workbook or has no recognisable header, so
    the user learns what to fix before any row is looked at.
    """
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise DomainError(_("无法读取这个文件：请上传 Excel/WPS 保存的 .xlsx 文件（WPS 请选择“另存为 Excel 工作簿”）。"),
                          field="file") from None
    sheets = [wb[SHEET]] if SHEET in wb.sheetnames else [ws for ws in wb.worksheets if ws.title != UNITS_SHEET]
    for ws in sheets:
        header_row, columns = _find_header(ws)
        if header_row:
            break
    else:
        raise DomainError(_("找不到表头：请保留“牵头单位”“完成时限”和“任务编号”等列名所在的表头行。"), field="file")
    if "lead" not in columns.values() or ("id" not in columns.values() and "indicator" not in columns.values()):
        raise DomainError(_("表头缺少“牵头单位”，或既没有“任务编号”也没有“指标/任务”列：请用系统导出的分工表填写。"), field="file")
    if ws.max_row - header_row > MAX_ROWS:
        raise DomainError(_("表格超过 %(n)s 行，请拆分后分批导入。") % {"n": MAX_ROWS}, field="file")
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        cells = {key: values[i] for i, key in columns.items() if i < len(values)}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        rows.append(SheetRow(number, cells))
    return rows, set(columns.values())


def _find_header(ws) -> tuple[int, dict[int, str]]:
    for number, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), 1):
        columns = {}
        for i, value in enumerate(values):
            key = header_key(value)
            if key and key not in columns.values():
                columns[i] = key
        if "lead" in columns.values():
            return number, columns
    return 0, {}
