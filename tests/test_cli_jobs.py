"""``luoshi extract --jobs``: the process pool keeps the file order and survives a worker that dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from luoshi.commands.extract import FileOutput, Options, _pooled, default_jobs


def fake_work(path: Path) -> FileOutput:
    """Stands in for the extractor in the workers: a file named crash* kills its process."""
    if path.name.startswith("crash"):
        os._exit(3)  # as a segfault in a native reader or the OOM killer would: no exception, no cleanup
    if path.name.startswith("bug"):
        raise ValueError(f"a bug while reading {path.name}")
    return FileOutput(text=f"{path.name}\n", items=1)


def outputs(names: list[str], jobs: int = 2) -> list[FileOutput]:
    return list(_pooled([Path(n) for n in names], Options("jsonl"), jobs, work=fake_work))


def test_pool_gives_outputs_in_file_order():
    names = [f"r{i:02d}.txt" for i in range(12)]
    assert [o.text for o in outputs(names)] == [f"{n}\n" for n in names]


def test_a_worker_that_dies_fails_its_file_alone_and_the_batch_ends():
    names = ["a.txt", "b.txt", "crash-c.txt", "d.txt", "e.txt", "crash-f.txt", "g.txt"]
    res = outputs(names)
    assert len(res) == len(names)
    for name, out in zip(names, res, strict=True):
        if name.startswith("crash"):
            assert out.error and out.error.startswith(f"{name}: ") and "died" in out.error
        else:
            assert out.error is None and out.text == f"{name}\n"


def test_an_exception_in_a_worker_is_not_hidden():
    with pytest.raises(ValueError, match="bug-b.txt"):
        outputs(["a.txt", "bug-b.txt", "c.txt"])


def test_default_jobs_is_the_usable_cores():
    assert default_jobs() == (getattr(os, "process_cpu_count", os.cpu_count)() or 1) >= 1


def test_progress_on_a_terminal_counts_files_in_order_and_keeps_messages_on_their_own_lines(tmp_path):
    pty = pytest.importorskip("pty")
    import subprocess
    import sys

    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):  # no year in them: each gives a warning line
        (folder / name).write_text("城镇新增就业70万人。", encoding="utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", str(folder), "--format", "jsonl",
                           "--jobs", "2"], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once the child has gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    err = seen.decode()
    assert proc.returncode == 0
    assert [err.index(f"[{i}/3]") for i in (1, 2, 3)] == sorted(err.index(f"[{i}/3]") for i in (1, 2, 3))
    for name in ("a.txt", "b.txt", "c.txt"):
        assert f"\r\033[K{folder / name}: " in err  # the progress line is cleared before a file's warning
    assert len(proc.stdout.splitlines()) == 3


def test_a_single_file_is_extracted_in_this_process(monkeypatch, capsys):
    from luoshi.cli import build_parser
    from luoshi.commands import extract

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(extract, "_pooled", no_pool)
    example = Path(extract.__file__).resolve().parent.parent / "examples" / "hunan-2024-sample.txt"
    args = build_parser("extract").parse_args(["extract", str(example), "--format", "jsonl", "--jobs", "4"])
    assert extract.run(args) == 0
    assert capsys.readouterr().out.count('"doc": ') > 20
