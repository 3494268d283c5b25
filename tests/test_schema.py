"""The dataset schema (components/schema.py) is the one source of the
loader's rules, the data dictionary, the template and docs/DATA_SCHEMA.md:
these tests fail when one of them drifts, and break every column's rule in
the fixture to see the loader report it with file, line and column."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from components import dataset, export, schema
from components.dataset import InvalidDataset, read_dataset
from tests.conftest import mini_files

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = ("source_publisher", "source_kind", "read_url", "speaker")


def test_docs_tables_are_the_schema() -> None:
    docs = (ROOT / "docs/DATA_SCHEMA.md").read_text(encoding="utf-8")
    found = dict(re.findall(r"<!-- schema table: (\S+) -->\n(.*?)\n<!-- end of schema table -->", docs, re.S))
    tables = schema.docs_tables()
    assert set(found) == set(tables), "docs/DATA_SCHEMA.md lost or gained a schema table"
    for name, table in tables.items():
        assert found[name] == table, f"docs/DATA_SCHEMA.md's {name} table differs: run `python -m components.schema`"


def test_docs_state_every_limit_the_loader_enforces() -> None:
    docs = (ROOT / "docs/DATA_SCHEMA.md").read_text(encoding="utf-8")
    assert f"| {dataset.MAX_UNPACKED_BYTES // 2**20} MB |" in docs
    assert f"| {dataset.MAX_UPLOAD_BYTES // 2**20} MB |" in docs
    for file, limit in dataset.MAX_ROWS.items():
        assert f"| rows in {file} | {limit:,} |" in docs
    for columns in schema.FILES.values():
        for column in columns:
            if column.max_chars:
                assert f"at most {column.max_chars:,} characters" in docs, column.name
    for key in schema.META_KEYS:
        assert key.rule() in docs, key.name


def test_data_dictionary_and_template_come_from_the_schema() -> None:
    table = export.data_dictionary()
    for file, columns in schema.FILES.items():
        rows = table[table["file"].str.startswith(file)]
        assert list(rows["meaning"]) == [c.meaning for c in columns]
        assert list(rows["rule"]) == [c.rule(file) for c in columns]
        header, _ = export.TEMPLATE_FILES[file]
        assert header == [c.name for c in columns]
    meta = table[table["file"] == schema.META_FILE]
    assert list(meta["column"]) == [k.name for k in schema.META_KEYS]
    assert set(export.TEMPLATE_META) == {k.name for k in schema.META_KEYS}


def test_provenance_columns_are_in_the_export_dictionary_template_and_docs(mini: dataset.Dataset) -> None:
    from components import analysis

    flat = export.flat_positions(analysis.position_table(mini)).set_index("position_id")
    assert flat.loc["a1", ["source_publisher", "source_kind", "speaker"]].tolist() == [
        "Alpha Rights Network",
        "own",
        "Ana Alves",
    ]
    assert flat.loc["b1", "read_url"] == "https://archive.example.org/beta/1"
    dictionary = export.data_dictionary()
    docs = (ROOT / "docs/DATA_SCHEMA.md").read_text(encoding="utf-8")
    header, rows = export.TEMPLATE_FILES["positions.csv"]
    for name in PROVENANCE:
        assert name in set(dictionary[dictionary["file"] == "positions.csv"]["column"])
        assert name in set(dictionary[dictionary["file"] == export.FLAT_FILE]["column"])
        assert f"| `{name}` | no |" in docs
        assert name in header and any(row[header.index(name)] for row in rows), name


def test_a_dataset_without_the_provenance_columns_still_loads() -> None:
    files = mini_files()
    positions = pd.read_csv(io.BytesIO(files["positions.csv"]), dtype=str, keep_default_na=False)
    files["positions.csv"] = positions.drop(columns=list(PROVENANCE)).to_csv(index=False).encode()
    ds = read_dataset(files)
    assert len(ds.positions) == 25
    for name in PROVENANCE:
        assert ds.positions[name].eq("").all()


# Every rule of every column, broken in the fixture: (file, column, bad value, message).
def _cases() -> list[tuple[str, str, str, str]]:
    bad = {
        "slug": "Not A Slug!",
        "choice": "nonsense",
        "url": "javascript:alert(1)",
        "date": "2024-02-30",
        "int": "twelve",
        "iso3": "fr",
    }
    cases = []
    for file, columns in schema.FILES.items():
        for column in columns:
            messages = column.messages()
            if column.kind == "text" and column.max_chars:
                cases.append((file, column.name, "x" * (column.max_chars + 1), messages[0]))
            elif column.kind in bad:
                cases.append((file, column.name, bad[column.kind], messages[0]))
            elif column.kind == "reference":
                cases.append((file, column.name, "no-such-id", f"does not match any {column.name}"))
            if column.required:
                cases.append((file, column.name, "", "is required but empty"))
    return cases


def _with_cell(files: dict[str, bytes], file: str, column: str, value: str) -> dict[str, bytes]:
    frame = pd.read_csv(io.BytesIO(files[file]), dtype=str, keep_default_na=False)
    if column not in frame.columns:
        frame[column] = ""
    frame[column] = frame[column].astype(object)
    frame.loc[0, column] = value
    return {**files, file: frame.to_csv(index=False).encode()}


@pytest.mark.parametrize(("file", "column", "value", "message"), _cases(), ids=lambda v: str(v)[:30])
def test_each_column_rule_fails_with_file_line_and_column(file: str, column: str, value: str, message: str) -> None:
    with pytest.raises(InvalidDataset) as caught:
        read_dataset(_with_cell(mini_files(), file, column, value))
    found = [(p.file, p.line, p.column) for p in caught.value.problems if p.problem.startswith(message)]
    assert found == [(file, 2, column)], [p.as_row() for p in caught.value.problems]


def test_provenance_rules_each_fail_on_their_own() -> None:
    """The four provenance columns, one failing fixture per rule."""
    cases = {
        "source_publisher": ("P" * 201, "must be at most 200 characters"),
        "source_kind": ("blog", "must be one of: own, record, report"),
        "read_url": ("ftp://example.org/copy", "must be an http:// or https:// URL"),
        "speaker": ("S" * 201, "must be at most 200 characters"),
    }
    for column, (value, message) in cases.items():
        with pytest.raises(InvalidDataset) as caught:
            read_dataset(_with_cell(mini_files(), "positions.csv", column, value))
        [problem] = caught.value.problems
        assert (problem.file, problem.line, problem.column, problem.problem) == ("positions.csv", 2, column, message)


@pytest.mark.parametrize("key", schema.META_KEYS, ids=lambda k: k.name)
def test_each_dataset_json_rule_fails(key: schema.MetaKey) -> None:
    files = mini_files()
    meta = json.loads(files["dataset.json"])
    meta[key.name] = "x" * ((key.max_chars or 0) + 1) if key.kind in ("text", "version", "date") else 0
    with pytest.raises(InvalidDataset) as caught:
        read_dataset({**files, "dataset.json": json.dumps(meta).encode()})
    assert {p.column for p in caught.value.problems} == {key.name}
    assert all(p.file == "dataset.json" for p in caught.value.problems)
