"""``luoshi reconcile --db``'s reader (the ``luoshi.stored_reports`` entry point): reports imported
and reviewed in the web application, read from the database ``luoshi serve`` uses."""

from __future__ import annotations


def stored_pair(region_name: str, year: int):
    """Set Django up, then the region's reports of ``year`` and ``year + 1`` (see
    :func:`luoshi_web.compare.dbsource.stored_pair`). Raises ImportError without the web extra,
    a LookupError when the region or the year's report is not in the database."""
    from luoshi_web.commands.serve import django_setup

    django_setup()
    from luoshi_web.compare.dbsource import stored_pair as read

    return read(region_name, year)
