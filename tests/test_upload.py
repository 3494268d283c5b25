"""Bring-your-own dataset: every branch of turning uploaded files into a
dataset (dataset.files_from_uploads, files_from_zip, read_dataset), each
refusal naming the file it is about."""

from __future__ import annotations

import io
import zipfile

import pytest

from components.dataset import (
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    InvalidDataset,
    files_from_uploads,
    read_dataset,
)
from tests.conftest import mini_files


def uploads() -> list[tuple[str, bytes]]:
    return list(mini_files().items())


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    return buffer.getvalue()


def refusal(items: list[tuple[str, bytes]]) -> InvalidDataset:
    """The InvalidDataset raised on the way from uploads to a dataset."""
    with pytest.raises(InvalidDataset) as caught:
        read_dataset(files_from_uploads(items))
    return caught.value


def messages(err: InvalidDataset) -> list[str]:
    return [f"{p.file} {p.value} {p.problem}" for p in err.problems]


def test_valid_csv_set_loads() -> None:
    ds = read_dataset(files_from_uploads(uploads()))
    assert len(ds.positions) == 25
    assert ds.meta.title.startswith("Model Data Retention Bill")


def test_csv_set_without_dataset_json_loads_as_uploaded_dataset() -> None:
    items = [(n, b) for n, b in uploads() if n != "dataset.json"]
    ds = read_dataset(files_from_uploads(items))
    assert ds.meta.title == "Uploaded dataset" and ds.meta.as_of is None


def test_paths_in_names_are_reduced_to_base_names_and_case_to_the_schema() -> None:
    items = [(f"C:\\Users\\me\\data/{n.upper() if n.endswith('.csv') else n}", b) for n, b in uploads()]
    files = files_from_uploads(items)
    assert set(files) == set(mini_files())


@pytest.mark.parametrize("folder", ["", "mini/"])
def test_valid_zip_loads_with_files_at_top_or_in_one_folder(folder: str) -> None:
    raw = make_zip({folder + n: b for n, b in mini_files().items()})
    ds = read_dataset(files_from_uploads([("my data.zip", raw)]))
    assert len(ds.stakeholders) == 6


def test_zip_from_a_mac_ignores_its_resource_forks() -> None:
    members = {f"mini/{n}": b for n, b in mini_files().items()}
    members["__MACOSX/mini/._positions.csv"] = b"\x00\x05junk"
    members["mini/.DS_Store"] = b"\x00junk"
    ds = read_dataset(files_from_uploads([("mini.zip", make_zip(members))]))
    assert len(ds.positions) == 25


def test_zip_bomb_by_declared_size_is_refused_without_unpacking() -> None:
    big = b"0" * (MAX_UNPACKED_BYTES // 2 + 1)  # compresses to ~26 KB each
    raw = make_zip({"positions.csv": big, "events.csv": big})
    assert len(raw) < MAX_UPLOAD_BYTES
    err = refusal([("bomb.zip", raw)])
    assert err.problems[0].file == "bomb.zip"
    assert "unpack" in err.problems[0].problem and "50 MB" in err.problems[0].problem


def test_zip_bomb_lying_about_its_size_is_refused_by_the_bytes_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("positions.csv", b"0" * (MAX_UNPACKED_BYTES + 1024))
        archive.infolist()[0].file_size = 100  # the central directory now claims 100 bytes
    err = refusal([("liar.zip", buffer.getvalue())])
    assert err.problems[0].file == "liar.zip"
    assert "cannot be read" in err.problems[0].problem


def test_many_members_adding_up_past_the_limit_are_refused() -> None:
    chunk = b"1" * (MAX_UNPACKED_BYTES // 10)
    raw = make_zip({f"part{i}.csv": chunk for i in range(11)})
    err = refusal([("many.zip", raw)])
    assert err.problems[0].file == "many.zip" and "50 MB" in err.problems[0].problem


def test_nested_folders_in_a_zip_are_refused() -> None:
    raw = make_zip({f"a/b/{n}": b for n, b in mini_files().items()})
    err = refusal([("nested.zip", raw)])
    assert any("nested folders" in m and "nested.zip" in m for m in messages(err))


@pytest.mark.parametrize("member", ["../positions.csv", "mini/../../positions.csv", "/etc/positions.csv", "C:/x.csv"])
def test_unsafe_paths_in_a_zip_are_refused(member: str) -> None:
    members = {n: b for n, b in mini_files().items() if n != "positions.csv"}
    members[member] = mini_files()["positions.csv"]
    err = refusal([("evil.zip", make_zip(members))])
    assert any(p.file == "evil.zip" and member in p.value for p in err.problems), messages(err)


def test_not_a_zip_is_refused_by_name() -> None:
    err = refusal([("fake.zip", b"PK not really a zip")])
    assert err.problems[0].file == "fake.zip" and "not a readable zip" in err.problems[0].problem


def test_non_utf8_file_is_named_with_its_line() -> None:
    items = dict(uploads())
    items["stakeholders.csv"] = "stakeholder_id,name,type\nzeta,Société Zêta,other\n".encode("cp1252")
    err = refusal(list(items.items()))
    found = [p for p in err.problems if p.file == "stakeholders.csv"]
    assert found and "UTF-8" in found[0].problem and found[0].line == 2


def test_an_unreadable_file_gives_one_problem_not_one_per_reference() -> None:
    items = dict(uploads())
    items["stakeholders.csv"] = "stakeholder_id,name,type\nzeta,Société,other\n".encode("cp1252")
    items["provisions.csv"] = b"label,title\nArt. 1,Definitions\n"  # no provision_id column
    err = refusal(list(items.items()))
    assert sorted(p.file for p in err.problems) == ["provisions.csv", "stakeholders.csv"], messages(err)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file_is_named(content: bytes) -> None:
    items = dict(uploads())
    items["positions.csv"] = content
    err = refusal(list(items.items()))
    assert any(p.file == "positions.csv" and "empty" in p.problem for p in err.problems), messages(err)


def test_header_only_file_is_named() -> None:
    items = dict(uploads())
    items["provisions.csv"] = b"provision_id,label,title\r\n"
    err = refusal(list(items.items()))
    assert [(p.file, p.problem) for p in err.problems] == [("provisions.csv", "has a header row but no data rows")]


def test_invalid_dataset_json_is_named() -> None:
    items = dict(uploads())
    items["dataset.json"] = b"{not json"
    err = refusal(list(items.items()))
    assert any(p.file == "dataset.json" and "JSON" in p.problem for p in err.problems)


def test_upload_over_10_mb_is_refused_by_name() -> None:
    items = [*uploads(), ("huge.csv", b"a" * (MAX_UPLOAD_BYTES + 1))]
    err = refusal(items)
    assert [p.file for p in err.problems] == ["huge.csv"]
    assert "10 MB" in err.problems[0].problem


def test_zip_over_10_mb_is_refused_by_name() -> None:
    err = refusal([("big.zip", b"PK" + b"\0" * MAX_UPLOAD_BYTES)])
    assert err.problems[0].file == "big.zip" and "10 MB" in err.problems[0].problem


@pytest.mark.parametrize("name", ["positions.xlsx", "payload.exe", "evil.html", "noextension", ".DS_Store"])
def test_unknown_file_types_are_refused_by_name(name: str) -> None:
    err = refusal([*uploads(), (name, b"whatever")])
    assert [p.file for p in err.problems] == [name]
    assert ".csv" in err.problems[0].problem


def test_every_refused_file_is_named_in_one_report() -> None:
    items = [*uploads(), ("a.xlsx", b"x"), ("b.exe", b"y"), ("huge.csv", b"a" * (MAX_UPLOAD_BYTES + 1))]
    err = refusal(items)
    assert sorted(p.file for p in err.problems) == ["a.xlsx", "b.exe", "huge.csv"]


def test_unknown_names_of_an_allowed_type_are_kept_with_a_notice() -> None:
    ds = read_dataset(files_from_uploads([*uploads(), ("notes.csv", b"a,b\n1,2\n"), ("README.md", b"hi")]))
    assert any("notes.csv" in n for n in ds.notices)
    assert any("README.md" in n for n in ds.notices)


@pytest.mark.parametrize("twice", ["positions.csv", "Positions.CSV", "folder/positions.csv"])
def test_duplicate_names_are_refused_by_name(twice: str) -> None:
    err = refusal([*uploads(), (twice, b"stakeholder_id\n")])
    assert [p.file for p in err.problems] == ["positions.csv"]
    assert "twice" in err.problems[0].problem


def test_the_same_file_twice_in_a_zip_is_refused() -> None:
    members = {f"{n}": b for n, b in mini_files().items()}
    members["POSITIONS.csv"] = mini_files()["positions.csv"]
    err = refusal([("twice.zip", make_zip(members))])
    assert err.problems[0].file == "twice.zip" and "twice" in err.problems[0].problem


def test_a_zip_with_other_files_or_a_second_zip_is_refused() -> None:
    raw = make_zip(mini_files())
    err = refusal([("a.zip", raw), ("positions.csv", b"x")])
    assert "a.zip" in err.problems[0].file and "not both" in err.problems[0].problem
    err = refusal([("a.zip", raw), ("b.zip", raw)])
    assert "a.zip" in err.problems[0].file and "b.zip" in err.problems[0].file


def test_nothing_uploaded_is_a_problem_not_a_crash() -> None:
    with pytest.raises(InvalidDataset):
        files_from_uploads([])


def test_a_row_with_more_values_than_the_header_is_named_with_its_line() -> None:
    items = dict(uploads())
    items["stakeholders.csv"] = (
        items["stakeholders.csv"] + b"eta-ngo,Eta, Inc.,industry,Eta,,Makes things, and more,https://example.org/eta\n"
    )
    err = refusal(list(items.items()))
    found = [p for p in err.problems if "values but the header has" in p.problem]
    assert [(p.file, p.line) for p in found] == [("stakeholders.csv", 8)]
    assert "double quotes" in found[0].problem


def test_trailing_empty_values_are_accepted() -> None:
    items = dict(uploads())
    lines = items["events.csv"].decode().splitlines()
    items["events.csv"] = ("\n".join(lines[:1] + [line + ",," for line in lines[1:]]) + "\n").encode()
    assert len(read_dataset(files_from_uploads(list(items.items()))).events) == len(lines) - 1


def test_deeply_nested_dataset_json_is_a_problem_not_a_crash() -> None:
    items = dict(uploads())
    items["dataset.json"] = b"[" * 100_000 + b"]" * 100_000
    err = refusal(list(items.items()))
    assert [p.file for p in err.problems] == ["dataset.json"]


def test_a_zip_may_unpack_past_the_upload_limit_but_loose_files_may_not() -> None:
    """10 MB is what a browser sends: a dataset zipped under it may unpack to
    more (up to 50 MB), but loose files count as sent."""
    from components import dataset as ds_module

    big = mini_files()
    big["METHOD.md"] = b"# " + b"x" * (6 * 1024 * 1024) + b"\n"
    big["NOTES.md"] = b"y" * (6 * 1024 * 1024)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in big.items():
            z.writestr(name, data)
    assert len(raw.getvalue()) < ds_module.MAX_UPLOAD_BYTES
    files = ds_module.files_from_uploads([("big.zip", raw.getvalue())])
    assert ds_module.read_dataset(files).method.startswith("# x")
    with pytest.raises(ds_module.InvalidDataset) as err:
        ds_module.files_from_uploads(list(big.items()))
    assert any("in all" in p.problem for p in err.value.problems)
