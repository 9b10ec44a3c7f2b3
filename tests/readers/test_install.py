"""An installed luoshi has everything its readers import (issue 12).

trafilatura imports justext, which imports ``lxml.html.clean``: since lxml 5.2 that module is the
separate project lxml_html_clean. justext asks for it as ``lxml[html_clean]``, and the pip that a
fresh Python 3.12.1 venv comes with (23.2) does not match that to lxml 6's normalised
``html-clean`` extra, so ``pip install luoshi`` left it out and reading any web page ended in a
traceback. luoshi now names lxml_html_clean itself.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from readers_fixtures import CLEAN_TEXT, lines_of

from luoshi.readers import ReaderError, read_path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


def test_installed_metadata_requires_lxml_html_clean():
    requires = [r for r in importlib.metadata.requires("luoshi") or [] if "extra ==" not in r]
    assert "lxml-html-clean" in {_name(r) for r in requires}, (
        "luoshi's installed metadata lacks lxml_html_clean; if pyproject.toml has it, reinstall: "
        ".venv/bin/python -m pip install -e '.[dev]'")


def test_the_module_trafilatura_needs_imports_and_a_web_page_reads(make):
    from lxml.html.clean import Cleaner  # noqa: F401  (raises ImportError without lxml_html_clean)

    doc = read_path(make.html())
    assert doc.format == "html" and lines_of(doc.text) == lines_of(CLEAN_TEXT)


def test_a_missing_package_is_one_line_naming_it_not_a_traceback(make, monkeypatch):
    page = make.html()
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    with pytest.raises(ReaderError, match=r"report\.html: cannot read web pages: a package is missing.*reinstall"):
        read_path(page)


def _stock_python() -> str:
    """A Python 3.12 if the machine has one (its bundled pip is the one that missed the extra),
    else the interpreter running the tests; it must be able to make a venv with pip."""
    candidates = [shutil.which("python3.12"), *sorted(map(str, Path("/root/.pyenv/versions").glob("3.12*/bin/python3.12"))),
                  "/usr/local/bin/python3.12", "/usr/bin/python3.12", sys.executable]
    for python in filter(None, candidates):
        try:
            ok = subprocess.run([python, "-c", "import ensurepip, venv, sys; assert sys.version_info >= (3, 11)"],
                                capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return python
    pytest.skip("no Python >= 3.11 with venv and ensurepip on this machine")


@pytest.mark.fresh_venv
def test_a_fresh_venv_with_its_stock_pip_installs_luoshi_and_reads_a_web_page(tmp_path, make):
    """``python -m venv`` + ``pip install luoshi`` (from this checkout, not editable), as a user would.

    About 10 s with a warm pip cache; deselect with ``-m "not fresh_venv"``.
    """
    project = tmp_path / "luoshi"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    # a copy, so that the build (setuptools builds in the source tree) leaves nothing in the checkout
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        return done

    run(_stock_python(), "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    pip = run(python, "-m", "pip", "--version").stdout.split(" from ")[0]
    run(python, "-m", "pip", "install", "-q", str(project), timeout=900)
    read = run(python, "-c", "import sys, luoshi; from luoshi.readers import read_path; "
                             "print(luoshi.__file__); print(read_path(sys.argv[1]).text)", str(make.html()))
    where, _, text = read.stdout.partition("\n")
    assert where.startswith(str(venv)), f"luoshi was imported from {where}, not from the fresh venv"
    assert lines_of(text) == lines_of(CLEAN_TEXT), f"with {pip}"
