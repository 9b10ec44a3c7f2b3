#!/usr/bin/env python3
"""Write damaged-structure variants of gold sets (flattened, headings run in, cluttered, both).

Usage:
  make_variants.py OUT_DIR [--gold DIR ...] [--shared DIR] [--kinds flat,runin,...]

For each gold set (default: ../shared/gold/dev and tests/silver) and each variant kind (default:
clean plus every kind of tests/variants.py), writes the variant sources to
OUT_DIR/variants/<kind>/<doc-id>.txt and the mapped gold to OUT_DIR/gold/<set>/<kind>/, then prints
the run_eval.py commands that score them. ``clean`` is the untouched text written the same way, the
figure to compare the damaged kinds with.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import variants  # noqa: E402


def _set_names(dirs: list[Path]) -> list[str]:
    names: list[str] = []
    for d in dirs:
        name = d.name
        while name in names:
            name = f"{d.parent.name}_{name}" if not name.startswith(d.parent.name) else f"{name}_"
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path, help="ROOT for run_eval.py: sources under variants/, gold under gold/")
    ap.add_argument("--gold", type=Path, action="append", metavar="DIR",
                    help="a gold folder (repeatable); default: SHARED/gold/dev and tests/silver")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="folder the gold 'doc' paths are relative to (default: ../shared)")
    ap.add_argument("--kinds", default=",".join(variants.ALL_KINDS),
                    help=f"comma-separated, from {','.join(variants.ALL_KINDS)} (default: all)")
    a = ap.parse_args(argv)

    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in variants.ALL_KINDS]
    if unknown:
        ap.error(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(variants.ALL_KINDS)}")
    gold_dirs = a.gold or [a.shared / "gold" / "dev", REPO / "tests" / "silver"]
    for d in gold_dirs:
        if not d.is_dir():
            ap.error(f"no gold folder {d}")
    seen: dict[str, str] = {}
    for name, gdir in zip(_set_names(gold_dirs), gold_dirs, strict=True):
        for gpath in sorted(gdir.glob("*.jsonl")):
            doc = variants.load_gold(gpath.read_text(encoding="utf-8").splitlines()[:1])[0]["doc"]
            if doc in seen:  # the variant sources are shared by doc path; clutter depends on the gold
                ap.error(f"{doc} is annotated in both {seen[doc]} and {name}; write them to separate OUT_DIRs")
            seen[doc] = name
    out = a.out_dir.resolve()
    written = []
    for name, gdir in zip(_set_names(gold_dirs), gold_dirs, strict=True):
        for kind in kinds:
            target = out / "gold" / name / kind
            files = variants.write_variants(kind, a.shared, gdir, out, target)
            written.append((name, kind, target, len(files)))
            print(f"{name:8s} {kind:13s} {len(files):3d} documents -> {target}")

    run_eval = a.shared.resolve() / "tools" / "run_eval.py"
    venv_bin = REPO / ".venv" / "bin"
    print()
    print("Score a variant set with the shared runner (it calls `luoshi extract`, so put .venv/bin on PATH):")
    for _name, _kind, target, _ in written[:2]:
        print(f"  PATH={shlex.quote(str(venv_bin))}:$PATH python3 {shlex.quote(str(run_eval))} "
              f"{shlex.quote(str(target))} --root {shlex.quote(str(out))}")
    print("all of them:")
    print(f"  for g in {shlex.quote(str(out))}/gold/*/*; do echo \"== $g\"; "
          f"PATH={shlex.quote(str(venv_bin))}:$PATH python3 {shlex.quote(str(run_eval))} \"$g\" "
          f"--root {shlex.quote(str(out))} | tail -4; done")
    print("Add --show-errors 20 to see what breaks; check the mapping with "
          f"`python3 {shlex.quote(str(a.shared.resolve() / 'tools' / 'score_extraction.py'))} --validate GOLD_DIR "
          f"--root {shlex.quote(str(out))}`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
