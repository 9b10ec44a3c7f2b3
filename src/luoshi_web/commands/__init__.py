"""The ``luoshi`` subcommands that need Django (serve, worker, import, remind, backup, restore,
export-all), registered into the library's CLI through the ``luoshi.commands`` entry points of
pyproject.toml, so the extraction library never imports the web application."""

from __future__ import annotations

import sys


def web_extra_missing(command: str) -> bool:
    """True (after saying so in one line, both languages) when Django is not installed: the web
    commands are registered with the library's CLI even where only ``pip install luoshi`` ran."""
    try:
        import django  # noqa: F401
    except ImportError:
        print(f"luoshi {command} 需要网站组件。请安装: pip install 'luoshi[web]'\n"
              f"luoshi {command} needs the web extra: pip install 'luoshi[web]'", file=sys.stderr)
        return True
    return False
