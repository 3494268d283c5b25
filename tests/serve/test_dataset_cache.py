"""The shipped dataset is read once and again only when its files change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from components import serving
from tests.conftest import MINI


def test_stamp_changes_when_a_file_is_edited_added_or_removed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    first = serving.file_stamp(folder)
    assert serving.file_stamp(folder) == first
    target = next(folder.glob("*.csv"))
    info = target.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    edited = serving.file_stamp(folder)
    assert edited != first
    (folder / "notes.txt").write_text("x")
    added = serving.file_stamp(folder)
    assert added != edited
    (folder / "notes.txt").unlink()
    assert serving.file_stamp(folder) == edited


def test_load_runs_once_per_state_of_the_files(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    calls: list[int] = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    assert serving.keyed_on_files(folder, load) == 1
    assert serving.keyed_on_files(folder, load) == 1
    (folder / "positions.csv").write_bytes((folder / "positions.csv").read_bytes() + b"\n")
    assert serving.keyed_on_files(folder, load) == 2
    assert len(calls) == 2


def test_files_are_looked_at_again_only_after_the_recheck_time(tmp_path: Path, monkeypatch) -> None:
    """Under load the app skips the stat calls for a short while: an edit shows
    on the first run that starts after the recheck time, not before."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    clock = [1000.0]
    monkeypatch.setattr(serving.time, "monotonic", lambda: clock[0])
    calls: list[int] = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    assert serving.keyed_on_files(folder, load, recheck_after=1.0) == 1
    (folder / "positions.csv").write_bytes((folder / "positions.csv").read_bytes() + b"\n")
    clock[0] += 0.5
    assert serving.keyed_on_files(folder, load, recheck_after=1.0) == 1  # within the recheck time: not looked at
    clock[0] += 0.6
    assert serving.keyed_on_files(folder, load, recheck_after=1.0) == 2  # after it: the edit shows


def test_a_replica_reads_its_dataset_before_its_first_session(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """serve.py's warm-up reads and validates the dataset at start, so the
    first sessions a room sends to a fresh replica find it loaded; a broken
    dataset does not stop the start (the app reports it on its first run)."""
    import serve
    from components.ui import state

    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    monkeypatch.setenv("STANCEMAP_DATASET", str(folder))
    reads: list[Path] = []
    real = state._load_shipped

    def counting(path: Path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path)

    monkeypatch.setattr(state, "_load_shipped", counting)
    serve.warm_dataset()
    assert reads == [folder]
    ds = state.shipped_dataset()
    assert reads == [folder] and ds is not None and len(ds.positions) > 0  # the first session reads nothing
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "positions.csv").write_text("not,a,dataset\n")
    monkeypatch.setenv("STANCEMAP_DATASET", str(broken))
    serve.warm_dataset()  # no exception
