"""Subcommands of the ``luoshi`` CLI; each module exposes ``register(subparsers)``."""
