#!/usr/bin/env python3
"""Validate the hand-annotated reconcile silver files.

Checks, for every *.yaml in this directory:
- required keys and allowed values (evidence, verdict);
- targets_file / results_file exist in the corpus;
- every `target` is an exact substring of the targets file, every non-null
  `result` an exact substring of the results file;
- `result` is null exactly when the verdict is 沉默 (evidence none);
- targets appear in text order (first occurrence, non-decreasing).

Usage: python check.py [corpus_dir [folder]]   (default /work/shared/corpus and this folder)
"""
import sys
from pathlib import Path

import yaml

HERE = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/corpus")
EVIDENCE = {"figure", "statement", "blanket", "none"}
VERDICTS = {"达成", "未达成", "超额", "无法判断", "沉默"}
TOP_KEYS = {"targets_file", "results_file", "year", "annotator_note", "targets"}
ITEM_KEYS = {"target", "result", "evidence", "verdict", "why"}


def check(path):
    errors = []
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = TOP_KEYS - set(doc)
    if missing:
        return [f"missing keys {sorted(missing)}"]
    tfile, rfile = CORPUS / doc["targets_file"], CORPUS / doc["results_file"]
    for f in (tfile, rfile):
        if not f.exists():
            errors.append(f"no such corpus file {f}")
    if errors:
        return errors
    ttext = tfile.read_text(encoding="utf-8")
    rtext = rfile.read_text(encoding="utf-8")
    if not isinstance(doc["year"], int):
        errors.append("year is not an int")
    elif str(doc["year"]) not in path.stem:
        errors.append(f"year {doc['year']} does not match file name")
    last = -1
    for i, t in enumerate(doc["targets"] or []):
        where = f"target #{i + 1} {t.get('target')!r}"
        if set(t) != ITEM_KEYS:
            errors.append(f"{where}: keys {sorted(t)}")
            continue
        if t["evidence"] not in EVIDENCE:
            errors.append(f"{where}: bad evidence {t['evidence']!r}")
        if t["verdict"] not in VERDICTS:
            errors.append(f"{where}: bad verdict {t['verdict']!r}")
        pos = ttext.find(t["target"]) if isinstance(t["target"], str) else -1
        if pos < 0:
            errors.append(f"{where}: target not in {doc['targets_file']}")
        elif pos < last:
            # allow repeated phrases: look for an occurrence after `last`
            later = ttext.find(t["target"], last)
            if later < 0:
                errors.append(f"{where}: out of text order")
            else:
                pos = later
        last = max(last, pos)
        if t["result"] is None:
            if t["verdict"] != "沉默" or t["evidence"] != "none":
                errors.append(f"{where}: null result needs verdict 沉默 and evidence none")
        else:
            if not isinstance(t["result"], str) or t["result"] not in rtext:
                errors.append(f"{where}: result {t['result']!r} not in {doc['results_file']}")
            if t["verdict"] == "沉默" or t["evidence"] == "none":
                errors.append(f"{where}: 沉默/none needs a null result")
        if t["evidence"] == "blanket" and t["verdict"] not in {"达成", "未达成"}:
            errors.append(f"{where}: blanket evidence must give 达成 or 未达成")
        if not t["why"]:
            errors.append(f"{where}: empty why")
    return errors


def main():
    files = sorted(HERE.glob("*.yaml"))
    bad = 0
    total = 0
    for f in files:
        errs = check(f)
        n = len(yaml.safe_load(f.read_text(encoding="utf-8"))["targets"] or [])
        total += n
        status = "ok" if not errs else "FAIL"
        print(f"{status:4} {f.name}: {n} targets")
        for e in errs:
            print(f"     - {e}")
        bad += bool(errs)
    print(f"{len(files)} files, {total} targets, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
