"""What the stored data looks like *now*, as one cheap key, and a per-process cache keyed on it.

Status is never stored: it depends on today's date, so every list rates its commitments when it is
read. Under load that rating (a window query over every progress report, then the pure rule for each
row) is most of what a page costs, while the data it reads changes far less often than it is read.
The key that says "nothing changed" is the newest history id of every table a status or a list's
visibility depends on: every write goes through a service that records history (django-simple-history
rows, the same ones the audit trail shows), and history ids only grow.

Why a process-local dictionary and not Django's cache: the values are thousands of small objects,
and pickling them into a shared cache costs about what rating them costs. Each server worker keeps
its own few entries; a new key (any write, a new day) makes the old entries unreachable and they fall
out of the bounded dictionary.

Reads inside a transaction are not cached: there the history ids can be of rows the transaction
has written and may still roll back (after which the same ids may be taken by other rows).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.apps import apps
from django.db import connection

# Apps whose rows decide what a list shows and how it is rated: reports and their commitments,
# assignments, milestones, progress, closures, the regions/units/roles that decide who sees what, and
# the cascade's quotas whose roll-up rates a parent.
_APPS = ("reports", "tracking", "org", "hierarchy")

T = TypeVar("T")


def _history_tables() -> list[str]:
    tables = []
    for label in _APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            history = getattr(model, "history", None)
            if history is not None and hasattr(history, "model"):
                tables.append(history.model._meta.db_table)
    return sorted(tables)


def data_version() -> tuple[int, ...]:
    """The newest history id of every tracked table, in one query (each an index lookup)."""
    tables = _history_tables()
    sql = "SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {connection.ops.quote_name(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(v or 0 for v in cursor.fetchone())


class VersionedCache:
    """A bounded map from (data version, key) to a computed value, shared by a process's threads.

    Bounded by entries and by rows (the sum of the values' lengths, or of their ``cache_weight``: a
    page's data weighs its rows): a province supervisor's lagging list over a whole hierarchy holds
    some 40,000 rows, a few megabytes; the least recently used entries go first.
    """

    def __init__(self, size: int = 64, rows: int = 200_000) -> None:
        self._size, self._rows = size, rows
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per data version and key; outside a transaction only (see module doc)."""
        if connection.in_atomic_block:
            return compute()
        full = (connection.alias, connection.settings_dict.get("NAME"), data_version(), key)
        with self._lock:
            if full in self._entries:
                self._entries.move_to_end(full)
                self.hits += 1
                return self._entries[full][0]  # type: ignore[return-value]
        value = compute()
        weight = getattr(value, "cache_weight", None) or (len(value) if hasattr(value, "__len__") else 1)
        with self._lock:
            self.misses += 1
            if full not in self._entries and weight <= self._rows:
                self._entries[full] = (value, weight)
                self._held += weight
            while self._entries and (len(self._entries) > self._size or self._held > self._rows):
                _, (_, dropped) = self._entries.popitem(last=False)
                self._held -= dropped
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0

    def __len__(self) -> int:
        return len(self._entries)
