"""The bounds of every number, year, date and id the application takes in, in one place (issue 10).

One bad number used to take a region's pages down for everyone: a commitment year of 10000 cannot
become a date, a milestone of 1e30 or an "infinite" value cannot be read back from SQLite, and a
page that rates rows fails on the first such row. So every boundary (model fields and the database's
check constraints, forms, the import review and its confirmation, the 分工表 import, the API and
URLs) holds to the same bounds, from here:

- a year is within 1949…2100, a date within those years;
- a decimal is finite, has at most 6 places after the point and is below 10²¹ in size. The fields
  hold 28 digits (22 before the point), but SQLite keeps a decimal as a float and cannot give one
  of 10²² back (Django's reading of it overflows the 28 digits): 10²¹ leaves the margin;
- a percentage is within 0…100;
- an id fits the database's 64-bit integer; a larger one is "not found", not an error.

>>> parse_decimal("1e3"), parse_decimal(" 70,000 "), parse_decimal(""), parse_year("2024")
(Decimal('1000'), Decimal('70000'), None, 2024)
>>> for raw in ("1e999999", "NaN", "inf", "1e21", "0.0000001", "x"):
...     try:
...         parse_decimal(raw)
...     except ValueError as e:
...         print(raw, "->", e)
1e999999 -> 超出范围
NaN -> 不是数字
inf -> 不是数字
1e21 -> 超出范围
0.0000001 -> 小数位数过多
x -> 不是数字
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

YEAR_MIN, YEAR_MAX = 1949, 2100
DATE_MIN, DATE_MAX = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)
VALUE_DIGITS, VALUE_PLACES = 28, 6
VALUE_LIMIT = Decimal(10) ** 21  # exclusive, and as a float too (what SQLite stores)
MAX_ID = 2**63 - 1

YEAR_VALIDATORS = [
    MinValueValidator(YEAR_MIN, message=_("年份应在 1949 到 2100 之间。")),
    MaxValueValidator(YEAR_MAX, message=_("年份应在 1949 到 2100 之间。")),
]
DATE_VALIDATORS = [
    MinValueValidator(DATE_MIN, message=_("日期应在 1949 年到 2100 年之间。")),
    MaxValueValidator(DATE_MAX, message=_("日期应在 1949 年到 2100 年之间。")),
]


def value_in_range(value: Decimal) -> bool:
    """Finite and below :data:`VALUE_LIMIT`, exactly and as the float SQLite would store.

    No decimal arithmetic here: ``abs(Decimal("1e1000000"))`` overflows the context and raises.
    """
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    return value.adjusted() < VALUE_LIMIT.adjusted() and abs(float(value)) < float(VALUE_LIMIT)


def places_of(value: Decimal) -> int:
    """Places after the point that matter (5.500 has one), without arithmetic (see above).

    >>> places_of(Decimal("5.500")), places_of(Decimal("1E+3")), places_of(Decimal("1e-1000000"))
    (1, 0, 1000000)
    """
    _, digits, exponent = value.as_tuple()
    zeros = 0
    for d in reversed(digits[1:]):
        if d != 0:
            break
        zeros += 1
    return max(0, -(exponent + zeros))


def bounded_value(value) -> None:
    """A model field validator: see :func:`value_in_range`."""
    if value is not None and not value_in_range(Decimal(value)):
        raise ValidationError(_("数值超出范围：绝对值应小于 10²¹。"), code="out_of_range")


VALUE_VALIDATORS = [bounded_value]
PERCENT_VALIDATORS = [
    MinValueValidator(0, message=_("完成进度应在 0 到 100 之间。")),
    MaxValueValidator(100, message=_("完成进度应在 0 到 100 之间。")),
]


def parse_decimal(raw, *, max_digits: int = VALUE_DIGITS, decimal_places: int = VALUE_PLACES) -> Decimal | None:
    """A number as typed (``1e3``, ``70,000``) within a decimal field's bounds; ``None`` when blank.

    Raises ``ValueError`` with a short Chinese reason (不是数字 / 超出范围 / 小数位数过多).
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        value = raw
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(gettext("不是数字")) from None
    if not value.is_finite():
        raise ValueError(gettext("不是数字"))
    if value.is_zero():
        return Decimal(0)
    if not value_in_range(value) or (not value.is_zero() and value.adjusted() >= max_digits - decimal_places):
        raise ValueError(gettext("超出范围"))
    if places_of(value) > decimal_places:
        raise ValueError(gettext("小数位数过多"))
    return value if value.as_tuple().exponent <= 0 else value.quantize(Decimal(1))


def plain_decimal_text(value: Decimal) -> str:
    """A bounded decimal as plain digits: 1E+3 -> 1000, 5.500 -> 5.5."""
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


def year_ok(year) -> bool:
    return isinstance(year, int) and not isinstance(year, bool) and YEAR_MIN <= year <= YEAR_MAX


def parse_year(raw) -> int | None:
    """A year as typed, within bounds; ``None`` when blank. Raises ``ValueError`` otherwise."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if not text.isdigit() or len(text) > 4 or not year_ok(int(text)):
        raise ValueError(gettext("年份应在 1949 到 2100 之间"))
    return int(text)


def date_ok(day) -> bool:
    return isinstance(day, date) and DATE_MIN <= (day.date() if hasattr(day, "date") else day) <= DATE_MAX


def id_or_404(value: int | None) -> int | None:
    """An id from a query string: a number no row can have (0, negative, beyond 64 bits) is a 404."""
    if value is None:
        return None
    if not 1 <= value <= MAX_ID:
        raise Http404(_("没有这个编号的记录。 / No record with this id."))
    return value


# --- the same bounds as database check constraints --------------------------------------------

def year_check(field: str, name: str, *, null: bool = True) -> models.CheckConstraint:
    condition = models.Q(**{f"{field}__gte": YEAR_MIN, f"{field}__lte": YEAR_MAX})
    return models.CheckConstraint(condition=condition | models.Q(**{f"{field}__isnull": True}) if null else condition,
                                  name=name)


def date_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__gte": DATE_MIN, f"{field}__lte": DATE_MAX}),
                                  name=name)


def _between(field: str, low: float, high: float, *, inclusive: bool) -> models.Q:
    """``low < field < high`` compared as floats. SQLite binds a Decimal as text, so the check Django
    runs in Python before saving (``validate_constraints``) would compare '70' with '1E+21' as
    strings; the cast makes both sides numbers, in that check and in the table's own."""
    number = Cast(field, models.FloatField())
    above, below = (GreaterThanOrEqual, LessThanOrEqual) if inclusive else (GreaterThan, LessThan)
    return models.Q(above(number, low)) & models.Q(below(number, high))


def value_check(field: str, name: str) -> models.CheckConstraint:
    """Null, or finite and below 10²¹ in size (SQLite stores a decimal as a float, where inf fits)."""
    limit = float(VALUE_LIMIT)
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | _between(field, -limit, limit, inclusive=False),
        name=name, violation_error_message=_("数值超出范围：绝对值应小于 10²¹。"),
    )


def percent_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | _between(field, 0.0, 100.0, inclusive=True),
        name=name, violation_error_message=_("完成进度应在 0 到 100 之间。"),
    )
