"""Validation: every rule of DATA_SCHEMA.md is checked, and every problem is
reported with the file, the line a spreadsheet shows and the column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from components import dataset
from components.dataset import InvalidDataset, load_path, read_dataset
from tests.conftest import MINI


def files() -> dict[str, bytes]:
    return dataset.files_from_folder(MINI)


def read_rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def write_rows(rows: list[dict[str, str]], fields: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def edit_cell(raw: bytes, line: int, column: str, value: str) -> bytes:
    """Set one cell (line as a spreadsheet shows it: header = 1)."""
    rows = read_rows(raw)
    rows[line - 2][column] = value
    return write_rows(rows, list(rows[0]))


def drop_column(raw: bytes, column: str) -> bytes:
    rows = read_rows(raw)
    return write_rows(rows, [f for f in rows[0] if f != column])


def problems_of(data: dict[str, bytes]) -> list[dataset.Problem]:
    with pytest.raises(InvalidDataset) as err:
        read_dataset(data)
    return err.value.problems


def test_fixture_dataset_is_valid(mini: dataset.Dataset) -> None:
    assert len(mini.stakeholders) == 6
    assert len(mini.positions) == 25
    assert mini.meta.ratification_threshold == 3


# (file, line, column, bad value, words the problem must contain)
CELL_RULES = [
    ("stakeholders.csv", 3, "stakeholder_id", "Beta NGO", "slug"),
    ("stakeholders.csv", 3, "stakeholder_id", "", "required"),
    ("stakeholders.csv", 4, "name", "", "required"),
    ("stakeholders.csv", 4, "name", "x" * 201, "at most 200"),
    ("stakeholders.csv", 5, "type", "ngo", "one of"),
    ("stakeholders.csv", 5, "short_name", "y" * 41, "at most 40"),
    ("stakeholders.csv", 4, "country_iso3", "fr", "alpha-3"),
    ("stakeholders.csv", 2, "description", "d" * 1001, "at most 1,000"),
    ("stakeholders.csv", 2, "website", "javascript:alert(1)", "http"),
    ("provisions.csv", 3, "provision_id", "Art 1", "slug"),
    ("provisions.csv", 3, "label", "", "required"),
    ("provisions.csv", 3, "title", "", "required"),
    ("provisions.csv", 3, "number", "one", "whole number"),
    ("provisions.csv", 3, "summary", "s" * 1001, "at most 1,000"),
    ("provisions.csv", 3, "text_url", "ftp://example.org/x", "http"),
    ("positions.csv", 2, "stance", "opose", "one of"),
    ("positions.csv", 2, "stance", "", "required"),
    ("positions.csv", 3, "summary", "", "required"),
    ("positions.csv", 3, "summary", "s" * 1001, "at most 1,000"),
    ("positions.csv", 4, "source_url", "", "required"),
    ("positions.csv", 4, "source_url", "data:text/html,hi", "http"),
    ("positions.csv", 5, "source_date", "2024-13-45", "ISO date"),
    ("positions.csv", 5, "source_date", "01/03/2024", "ISO date"),
    ("positions.csv", 6, "quote", "q" * 601, "at most 600"),
    ("positions.csv", 6, "evidence", "guessed", "one of"),
    ("events.csv", 2, "date", "", "required"),
    ("events.csv", 2, "date", "June 2023", "ISO date"),
    ("events.csv", 3, "title", "", "required"),
    ("events.csv", 3, "category", "party", "one of"),
    ("events.csv", 3, "source_url", "javascript:x", "http"),
    ("signatories.csv", 2, "country", "", "required"),
    ("signatories.csv", 2, "iso3", "FR", "alpha-3"),
    ("signatories.csv", 3, "signature_date", "2024-6-15", "ISO date"),
    ("signatories.csv", 3, "ratification_date", "soon", "ISO date"),
    ("signatories.csv", 3, "source_url", "www.example.org", "http"),
]


@pytest.mark.parametrize(("file", "line", "column", "value", "words"), CELL_RULES)
def test_each_cell_rule_reports_file_line_and_column(file: str, line: int, column: str, value: str, words: str) -> None:
    data = files()
    data[file] = edit_cell(data[file], line, column, value)
    found = [p for p in problems_of(data) if (p.file, p.line, p.column) == (file, line, column)]
    assert found, f"no problem reported at {file}:{line} {column}"
    assert words in found[0].problem


REFERENCE_RULES = [
    ("positions.csv", 2, "stakeholder_id", "nobody", "stakeholders.csv"),
    ("positions.csv", 2, "provision_id", "p-99", "provisions.csv"),
    ("events.csv", 3, "stakeholder_id", "nobody", "stakeholders.csv"),
]


@pytest.mark.parametrize(("file", "line", "column", "value", "target"), REFERENCE_RULES)
def test_unknown_references_are_reported(file: str, line: int, column: str, value: str, target: str) -> None:
    data = files()
    data[file] = edit_cell(data[file], line, column, value)
    found = [p for p in problems_of(data) if (p.file, p.line, p.column) == (file, line, column)]
    assert found and target in found[0].problem and found[0].value == value


@pytest.mark.parametrize(
    ("file", "column", "line", "first"),
    [
        ("stakeholders.csv", "stakeholder_id", 3, 2),
        ("provisions.csv", "provision_id", 3, 2),
        ("positions.csv", "position_id", 3, 2),
        ("signatories.csv", "iso3", 3, 2),
    ],
)
def test_duplicate_ids_name_the_first_line(file: str, column: str, line: int, first: int) -> None:
    data = files()
    rows = list(csv.DictReader(io.StringIO(data[file].decode())))
    data[file] = edit_cell(data[file], line, column, rows[first - 2][column])
    found = [p for p in problems_of(data) if (p.file, p.line, p.column) == (file, line, column)]
    assert found and f"line {first}" in found[0].problem


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("stakeholders.csv", "name"),
        ("provisions.csv", "title"),
        ("positions.csv", "source_url"),
        ("events.csv", "date"),
        ("signatories.csv", "iso3"),
    ],
)
def test_missing_required_column_is_reported_on_the_header_line(file: str, column: str) -> None:
    data = files()
    data[file] = drop_column(data[file], column)
    found = [p for p in problems_of(data) if (p.file, p.line, p.column) == (file, 1, column)]
    assert found and "missing" in found[0].problem


@pytest.mark.parametrize("file", dataset.REQUIRED_FILES)
def test_missing_required_file_is_reported(file: str) -> None:
    data = files()
    del data[file]
    assert any(p.file == file and "missing" in p.problem for p in problems_of(data))


def test_optional_files_may_be_absent() -> None:
    data = files()
    del data["events.csv"], data["signatories.csv"], data["METHOD.md"]
    ds = read_dataset(data)
    assert not ds.has_events and not ds.has_signatories and ds.method is None


def test_ratification_before_signature_is_reported() -> None:
    data = files()
    data["signatories.csv"] = edit_cell(data["signatories.csv"], 2, "ratification_date", "2024-01-01")
    found = [p for p in problems_of(data) if p.column == "ratification_date"]
    assert found and found[0].line == 2 and "before signature_date" in found[0].problem


def test_every_problem_is_collected_in_one_pass() -> None:
    data = files()
    data["positions.csv"] = edit_cell(data["positions.csv"], 2, "stance", "bad")
    data["positions.csv"] = edit_cell(data["positions.csv"], 7, "source_url", "javascript:x")
    data["stakeholders.csv"] = edit_cell(data["stakeholders.csv"], 4, "type", "ngo")
    found = {(p.file, p.line, p.column) for p in problems_of(data)}
    assert {
        ("positions.csv", 2, "stance"),
        ("positions.csv", 7, "source_url"),
        ("stakeholders.csv", 4, "type"),
    } <= found


def test_line_numbers_count_quoted_line_breaks_as_a_spreadsheet_does() -> None:
    data = files()
    data["positions.csv"] = edit_cell(data["positions.csv"], 2, "summary", "first line\nsecond line")
    data["positions.csv"] = edit_cell(data["positions.csv"], 3, "stance", "bad")
    found = [p for p in problems_of(data) if p.column == "stance"]
    assert found[0].line == 3


def test_non_utf8_file_is_named() -> None:
    data = files()
    data["stakeholders.csv"] = "stakeholder_id,name,type\ncafé,Café,other\n".encode("latin-1")
    found = [p for p in problems_of(data) if p.file == "stakeholders.csv"]
    assert "UTF-8" in found[0].problem and found[0].line == 2


def test_bom_is_accepted() -> None:
    data = files()
    data["stakeholders.csv"] = b"\xef\xbb\xbf" + data["stakeholders.csv"]
    assert len(read_dataset(data).stakeholders) == 6


@pytest.mark.parametrize(("content", "words"), [(b"", "empty"), (b"stakeholder_id,name,type\n", "no data rows")])
def test_empty_and_header_only_required_files_are_named(content: bytes, words: str) -> None:
    data = files()
    data["stakeholders.csv"] = content
    found = [p for p in problems_of(data) if p.file == "stakeholders.csv"]
    assert found and words in found[0].problem


def test_malformed_csv_is_reported_with_its_line() -> None:
    data = files()
    data["provisions.csv"] = data["provisions.csv"] + b'p-06,Art. 6,"unclosed quote\n'
    found = [p for p in problems_of(data) if p.file == "provisions.csv"]
    assert found and "CSV" in found[0].problem


def test_extra_columns_are_kept_and_ignored() -> None:
    data = files()
    text = data["stakeholders.csv"].decode().splitlines()
    text = [text[0] + ",notes"] + [line + ",x" for line in text[1:]]
    data["stakeholders.csv"] = ("\n".join(text) + "\n").encode()
    ds = read_dataset(data)
    assert "notes" in ds.stakeholders.columns


@pytest.mark.parametrize(
    ("meta", "column", "words"),
    [
        ({"subject": "s", "as_of": "2024-01-01", "version": "1"}, "title", "required"),
        ({"title": "t", "subject": "s", "as_of": "yesterday", "version": "1"}, "as_of", "ISO date"),
        (
            {"title": "t", "subject": "s", "as_of": "2024-01-01", "version": "1", "ratification_threshold": -3},
            "ratification_threshold",
            "positive",
        ),
        ({"title": "t", "subject": "s", "as_of": "2024-01-01"}, "version", "required"),
    ],
)
def test_dataset_json_rules(meta: dict, column: str, words: str) -> None:
    data = files()
    data["dataset.json"] = json.dumps(meta).encode()
    found = [p for p in problems_of(data) if p.file == "dataset.json" and p.column == column]
    assert found and words in found[0].problem


def test_invalid_json_reports_line() -> None:
    data = files()
    data["dataset.json"] = b'{\n "title": "t",\n oops\n}'
    found = [p for p in problems_of(data) if p.file == "dataset.json"]
    assert found and found[0].line == 3 and "JSON" in found[0].problem


def test_upload_without_dataset_json_is_plainly_labelled() -> None:
    data = files()
    del data["dataset.json"]
    ds = read_dataset(data)
    assert ds.meta.title == "Uploaded dataset" and ds.meta.as_of is None
    assert any("dataset.json" in n for n in ds.notices)


def test_row_limit_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(dataset.MAX_ROWS, "positions.csv", 10)
    found = problems_of(files())
    assert any(p.file == "positions.csv" and "limit is 10" in p.problem for p in found)


def test_missing_evidence_defaults_to_explicit_and_scores_follow_the_scale(mini: dataset.Dataset) -> None:
    assert set(mini.positions["evidence"]) == {"explicit", "inferred"}
    scores = dict(zip(mini.positions["position_id"], mini.positions["score"], strict=True))
    assert scores["a1"] == -2 and scores["g2"] == 1 and scores["d2"] == 0


def test_fingerprint_follows_content() -> None:
    a = files()
    b = dict(a)
    b["events.csv"] = a["events.csv"] + b"2025-01-01,New,other,,,\n"
    assert read_dataset(a).fingerprint == read_dataset(dict(a)).fingerprint
    assert read_dataset(a).fingerprint != read_dataset(b).fingerprint


def test_cli_validate_exits_1_with_the_report(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = (mini_copy / "positions.csv").read_bytes()
    (mini_copy / "positions.csv").write_bytes(edit_cell(raw, 2, "stance", "bad"))
    assert dataset.main(["validate", str(mini_copy)]) == 1
    out = capsys.readouterr().out
    assert "positions.csv" in out and "stance" in out


def test_cli_validate_exits_0_on_valid_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert dataset.main(["validate", str(MINI)]) == 0
    assert "valid" in capsys.readouterr().out


def test_load_path_reads_a_zip(tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "ds.zip"
    with zipfile.ZipFile(target, "w") as z:
        for name, raw in files().items():
            z.writestr(f"mini/{name}", raw)
    assert len(load_path(target).positions) == 25
