"""Read and extract one file in a child process with a time and a memory limit.

Why: the limits of :mod:`luoshi.readers.limits` refuse the bombs we know of before any parser opens
a file, but a server should not bet its workers on that list being complete. A parser that still
runs away (a PDF construct nobody has tried yet, a pathological regular expression) takes one child
down, never the web worker that serves everybody else: the child gets an address-space limit
(``RLIMIT_AS``) and a CPU-time limit, and the parent stops waiting and kills it at the wall-clock
limit.

Children are forked from a *forkserver* that has the reading and extraction modules loaded, so a
child starts in milliseconds instead of importing them again, and never inherits the threads or
open connections of the server that asked (forking a threaded server process is unsafe).

Limits come from the environment at each call, like those of :mod:`luoshi.readers.limits`:

=============================== ======== ==============================================
``LUOSHI_EXTRACT_SECONDS``      60       wall-clock seconds for reading and extracting
``LUOSHI_EXTRACT_MEMORY_MB``    1024     address space of the child
``LUOSHI_EXTRACT_ISOLATION``    process  ``off`` reads in the calling process, without
                                         limits (debugging; platforms without ``fork``)
=============================== ======== ==============================================

The child reads the caller's ``LUOSHI_*`` settings as they are at the call (a forkserver child would
otherwise see the environment of the moment the forkserver started).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from luoshi.model import Extraction
from luoshi.readers.base import Document, ReaderError
from luoshi.readers.limits import env_setting

_PRELOAD = ["luoshi.pipeline", "luoshi.readers"]
_CONTEXT_LOCK = threading.Lock()
_context = None
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0
    memory_mb: int = 1024


def limits_from_env() -> Limits:
    return Limits(seconds=env_setting("LUOSHI_EXTRACT_SECONDS", Limits.seconds, whole=False),
                  memory_mb=int(env_setting("LUOSHI_EXTRACT_MEMORY_MB", Limits.memory_mb)))


_local = threading.local()


@contextlib.contextmanager
def shipped_file():
    """Read in the calling process within this block: for files luoshi itself ships (the demo's
    sample), which need no limits, and because a server about to fork its workers must not leave a
    forkserver behind among them."""
    before = getattr(_local, "in_process", False)
    _local.in_process = True
    try:
        yield
    finally:
        _local.in_process = before


def isolated() -> bool:
    """Whether files are read in a limited child: the default wherever ``fork`` and ``resource`` exist."""
    if getattr(_local, "in_process", False):
        return False
    mode = os.environ.get("LUOSHI_EXTRACT_ISOLATION", "process").strip().lower()
    if mode not in ("process", "off"):
        raise ReaderError("", f"setting LUOSHI_EXTRACT_ISOLATION={mode!r} is neither process nor off")
    if mode == "off":
        return False
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return False
    return "forkserver" in multiprocessing.get_all_start_methods()


def _ctx():
    global _context
    with _CONTEXT_LOCK:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            _context = ctx
        return _context


def _settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("LUOSHI_")}


def _child(conn, path: str, year: int | None, region: str | None, limits: Limits, settings: dict[str, str]) -> None:
    """Runs in the child: take the caller's settings, limit itself, read, extract, send the outcome
    (never raises)."""
    try:
        import resource

        for key in [k for k in os.environ if k.startswith("LUOSHI_")]:
            del os.environ[key]
        os.environ.update(settings)
        memory = limits.memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = int(limits.seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        from luoshi.pipeline import extract_document
        from luoshi.readers import read_path

        doc = read_path(path)
        result = extract_document(doc, year=year, region=region) if doc.text.strip() else None
        conn.send(("ok", doc, result))
    except ReaderError as e:
        conn.send(("reader", e.path, e.reason))
    except MemoryError:
        conn.send(("memory", None, None))
    except BaseException as e:  # noqa: BLE001 - the parent turns it into one line for the user
        conn.send(("crash", type(e).__name__, str(e)[:300]))
    finally:
        conn.close()


def read_and_extract(path: str | Path, *, year: int | None = None, region: str | None = None,
                     limits: Limits | None = None) -> tuple[Document, Extraction | None]:
    """The document and its extraction (``None`` when the document has no text), computed in a
    limited child. Raises :class:`ReaderError` with one line for the user when the file cannot be
    read or the child goes over a limit."""
    if not isolated():
        from luoshi.pipeline import extract_document
        from luoshi.readers import read_path

        doc = read_path(path)
        return doc, (extract_document(doc, year=year, region=region) if doc.text.strip() else None)
    limits = limits or limits_from_env()
    name = Path(path).name
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, str(path), year, region, limits, _settings()), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise ReaderError(name, f"reading and extracting took longer than {limits.seconds:g} s and was stopped; "
                                    "if this is a real report, raise LUOSHI_EXTRACT_SECONDS")
        try:
            kind, first, second = receive.recv()
        except (EOFError, OSError):  # the child died without a word: killed by the CPU or memory limit
            child.join(5)
            raise ReaderError(name, f"reading and extracting was stopped by the system (exit {child.exitcode}): "
                                    f"over {limits.memory_mb} MB or {limits.seconds:g} s of CPU; if this is a real "
                                    "report, raise LUOSHI_EXTRACT_MEMORY_MB or LUOSHI_EXTRACT_SECONDS") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return first, second
    if kind == "reader":
        raise ReaderError(first, second)
    if kind == "memory":
        raise ReaderError(name, f"reading and extracting needed more than {limits.memory_mb} MB and was stopped; "
                                "if this is a real report, raise LUOSHI_EXTRACT_MEMORY_MB")
    raise ReaderError(name, f"the file could not be read ({first}: {second})")
