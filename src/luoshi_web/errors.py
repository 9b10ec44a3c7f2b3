"""Domain errors: what went wrong and what to do, raised by services before anything changes."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse (bad value, duplicate import...). ``str()`` is shown to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
