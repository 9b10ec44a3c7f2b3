"""When an automatic reminder is due: pure date rules, no ORM, tested with any ``today``.

Two kinds, each produced once per assignment and period (its key):

- 临期提醒 (due soon): the deadline is ``days`` days away or less and not passed; key
  ``due_soon:<assignment>:<deadline>``, so a moved deadline is reminded again, a kept one never.
- 缺报提醒 (missing report): the assignment's 报送频次 asks for a report each month or quarter; a
  period's report is due by its last day, with ``grace`` days to file it (a report dated in the
  period or in the grace days counts). Only the last period whose grace has run out is checked, so
  a job that did not run for months sends one reminder, not a flood; a period that began before the
  assignment existed or after its deadline is never due. Key ``missing_report:<assignment>:<start>``.
"""

from __future__ import annotations

from datetime import date, timedelta

MONTHLY, QUARTERLY = "monthly", "quarterly"


def period_containing(frequency: str, day: date) -> tuple[date, date]:
    """The month or quarter that contains ``day``.

    >>> period_containing("quarterly", date(2026, 5, 9))
    (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    >>> period_containing("monthly", date(2026, 12, 9))
    (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    """
    first = day.month if frequency == MONTHLY else 3 * ((day.month - 1) // 3) + 1
    last = day.month if frequency == MONTHLY else first + 2
    start = date(day.year, first, 1)
    after = date(day.year + 1, 1, 1) if last == 12 else date(day.year, last + 1, 1)
    return start, after - timedelta(days=1)


def due_soon(deadline: date, today: date, days: int) -> bool:
    """The deadline is at most ``days`` away and not yet passed.

    >>> due_soon(date(2026, 7, 10), date(2026, 7, 3), 7), due_soon(date(2026, 7, 10), date(2026, 7, 2), 7)
    (True, False)
    """
    return 0 <= (deadline - today).days <= days


def missing_period(frequency: str, today: date, grace: int, *, assigned_on: date,
                   deadline: date) -> tuple[date, date] | None:
    """The period whose report should be in by ``today`` (its end + ``grace`` days has passed).

    >>> missing_period("monthly", date(2026, 7, 6), 5, assigned_on=date(2026, 1, 1), deadline=date(2026, 12, 31))
    (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
    >>> missing_period("monthly", date(2026, 7, 5), 5, assigned_on=date(2026, 1, 1), deadline=date(2026, 12, 31))
    (datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))
    >>> missing_period("quarterly", date(2026, 7, 6), 5, assigned_on=date(2026, 4, 2), deadline=date(2026, 12, 31)) is None
    True
    """
    current_start, _ = period_containing(frequency, today - timedelta(days=grace))
    end = current_start - timedelta(days=1)
    start, _ = period_containing(frequency, end)
    if start < assigned_on or start > deadline:
        return None
    return start, end


def report_covers(as_of: date, period: tuple[date, date], grace: int) -> bool:
    """A report dated in the period, or in the grace days after it, is that period's report."""
    return period[0] <= as_of <= period[1] + timedelta(days=grace)
