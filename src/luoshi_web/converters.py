"""URL path converters with bounds: an id or a year no row can have is a 404, never a database error.

``<int:pk>`` accepts any number of digits, and 99999999999999999999 then reaches the database,
which refuses it (SQLite: "Python int too large to convert to SQLite INTEGER"): a 500 for an
anonymous visitor. ``<id:pk>`` matches only what fits the 64-bit id columns; ``<year:year>`` only
the years the application holds (:mod:`luoshi_web.validators`). Registered on import; every
``urls.py`` (and the API's routers) import this module before using them.
"""

from __future__ import annotations

from django.urls import register_converter

from luoshi_web.validators import MAX_ID, YEAR_MAX, YEAR_MIN


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")  # Django answers 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError("year out of range")
        return year

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
