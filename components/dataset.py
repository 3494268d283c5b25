"""Load and validate a Stancemap dataset (see DATA_SCHEMA.md).

A dataset arrives as a folder, a zip, or a handful of uploaded files. All of
them are reduced to one mapping of file name -> bytes and go through
`read_dataset`, which checks every rule of the schema in one pass and returns
a frozen `Dataset`, or raises `InvalidDataset` carrying every problem found as
(file, line as a spreadsheet shows it, column, problem, value).

Run `python -m components.dataset validate PATH` to print the report for a
folder or zip; it exits 1 when there are problems.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
import warnings
import zipfile
import zlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import cast

import pandas as pd
import pandera.pandas as pa

from components.schema import (
    FILES,
    ISO3,
    KNOWN_FILES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    META_FILE,
    META_KEYS,
    METHOD_FILE,
    OPTIONAL_FILES,
    REFERENCE_COLUMNS,
    REQUIRED_FILES,
    SLUG,
    UNIQUE_COLUMNS,
    URL,
    Column,
)
from components.vocab import SCORES, plural

UPLOAD_TITLE = "Uploaded dataset"

VALUE_PREVIEW = 80


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as a spreadsheet user would look for it."""

    file: str
    line: int | None
    column: str | None
    problem: str
    value: str = ""

    def as_row(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column or "",
            "problem": self.problem,
            "value": self.value,
        }


class InvalidDataset(Exception):
    """Raised with every problem found; the caller keeps the dataset it had."""

    def __init__(self, problems: list[Problem], source: str = "dataset"):
        self.problems = problems
        self.source = source
        super().__init__(f"{source}: {plural(len(problems), 'problem')}")

    def table(self) -> pd.DataFrame:
        return problems_table(self.problems)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """The problems as a table with one row each: file, line, column, problem, value."""
    rows = [p.as_row() for p in problems]
    table = pd.DataFrame(rows, columns=["file", "line", "column", "problem", "value"])
    table["line"] = table["line"].astype("Int64")
    return table


@dataclass(frozen=True)
class DatasetMeta:
    title: str
    subject: str
    as_of: str | None
    version: str
    license: str = ""
    citation: str = ""
    description: str = ""
    ratification_threshold: int | None = None
    has_meta_file: bool = True


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset: one DataFrame per file (all text columns as str,
    empty cells as ""), plus metadata and a content fingerprint that caches
    key on."""

    meta: DatasetMeta
    stakeholders: pd.DataFrame
    provisions: pd.DataFrame
    positions: pd.DataFrame
    events: pd.DataFrame
    signatories: pd.DataFrame
    method: str | None
    fingerprint: str
    notices: tuple[str, ...] = field(default_factory=tuple)
    # Set on the copy `history.dataset_on` makes: the date the data is shown
    # as of, and how many undated positions that copy leaves out.
    shown_as_of: str | None = None
    undated_left_out: int = 0

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and other.fingerprint == self.fingerprint

    @property
    def has_events(self) -> bool:
        return not self.events.empty

    @property
    def has_signatories(self) -> bool:
        return not self.signatories.empty


# --------------------------------------------------------------------------
# Column rules: each column's kind (schema.FILES) gives a predicate on a
# non-empty cell; its message comes from the same record.


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_int(value: str) -> bool:
    return re.fullmatch(r"[+-]?\d{1,9}", value) is not None


def _predicate(column: Column) -> Callable[[str], bool] | None:
    match column.kind:
        case "slug":
            return lambda v: SLUG.match(v) is not None
        case "choice":
            allowed = frozenset(column.vocabulary)
            return lambda v: v in allowed
        case "url":
            return lambda v: URL.match(v) is not None
        case "date":
            return _is_iso_date
        case "int":
            return _is_int
        case "iso3":
            return lambda v: ISO3.match(v) is not None
        case "text" if column.max_chars is not None:
            limit = column.max_chars
            return lambda v: len(v) <= limit
    return None


def rules(column: Column) -> list[tuple[Callable[[str], bool], str]]:
    """(predicate on a non-empty cell, message) for each rule of a column."""
    predicate = _predicate(column)
    return [(predicate, message) for message in column.messages()] if predicate else []


def _schema(file: str) -> pa.DataFrameSchema:
    """The pandera schema for one file: presence of required columns and every
    cell rule. Cross-file rules (references, uniqueness) are checked after."""
    columns = {}
    for spec in FILES[file]:
        checks = []
        if spec.required:
            checks.append(pa.Check(lambda v: v != "", element_wise=True, error="is required but empty"))
        for predicate, message in rules(spec):
            checks.append(pa.Check(lambda v, p=predicate: v == "" or p(v), element_wise=True, error=message))
        # No dtype check: _read_csv reads every cell as text (dtype=str), and
        # pandera's element-by-element str check was a third of a load.
        columns[spec.name] = pa.Column(None, checks=checks, required=spec.required, nullable=False)
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


SCHEMAS = {file: _schema(file) for file in FILES}


def _short(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= VALUE_PREVIEW else text[: VALUE_PREVIEW - 1] + "…"


def _line(index: Hashable) -> int:
    """Row index -> the line a spreadsheet shows: header is line 1."""
    return int(cast(int, index)) + 2


# --------------------------------------------------------------------------
# Reading files


def _decode(name: str, raw: bytes, problems: list[Problem]) -> str | None:
    if len(raw) == 0:
        problems.append(Problem(name, None, None, "the file is empty; it needs a header row and data rows"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                line,
                None,
                "is not UTF-8 text; save it as 'CSV UTF-8' in your spreadsheet",
                _short(raw[max(0, err.start - 20) : err.end + 20].decode("utf-8", "replace")),
            )
        )
        return None


MAX_FIELD_PROBLEMS = 20


def _check_field_counts(name: str, text: str, problems: list[Problem]) -> None:
    """Rows with more (non-empty) fields than the header, usually a value with
    a comma that lacks double quotes. Without this check pandas would silently
    turn the first columns into an index or drop the extra fields."""
    reader = csv.reader(io.StringIO(text))
    found = 0
    try:
        header = next(reader, [])
        row = 0
        for record in reader:
            if not record or not any(field.strip() for field in record):
                continue  # blank lines are skipped, as when reading
            row += 1
            if len(record) > len(header) and any(field.strip() for field in record[len(header) :]):
                found += 1
                if found <= MAX_FIELD_PROBLEMS:
                    problems.append(
                        Problem(
                            name,
                            row + 1,
                            None,
                            f"has {len(record)} values but the header has {len(header)} columns; "
                            "put double quotes around a value that contains a comma",
                            _short(",".join(record)),
                        )
                    )
    except csv.Error:
        return  # reported when the file is read
    if found > MAX_FIELD_PROBLEMS:
        problems.append(Problem(name, None, None, f"{found - MAX_FIELD_PROBLEMS} more rows have too many values"))


def _read_csv(name: str, raw: bytes, problems: list[Problem]) -> pd.DataFrame | None:
    text = _decode(name, raw, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(name, None, None, "the file is empty; it needs a header row and data rows"))
        return None
    _check_field_counts(name, text, problems)
    try:
        with warnings.catch_warnings():
            # Rows longer than the header are reported by _check_field_counts.
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                engine="python",
                index_col=False,
            )
    except (pd.errors.ParserError, ValueError, csv.Error) as err:
        match = re.search(r"line (\d+)", str(err))
        problems.append(
            Problem(
                name,
                int(match.group(1)) if match else None,
                None,
                "is not valid CSV (comma-separated, fields with commas or line breaks in double quotes)",
                _short(err),
            )
        )
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = [c for c in frame.columns if re.search(r"\.\d+$", c) and c.rsplit(".", 1)[0] in frame.columns]
    for column in duplicated:
        problems.append(Problem(name, 1, column.rsplit(".", 1)[0], "the column appears more than once in the header"))
    frame = frame.fillna("").astype(str)
    for column in frame.columns:
        frame[column] = frame[column].map(undefuse).str.strip()
    return frame


_DEFUSED = re.compile(r"^'[=+\-@\t\r]")


def undefuse(cell: str) -> str:
    """Undo the spreadsheet-safe prefix our CSV exports add (a ' before a cell
    that starts like a formula), so a downloaded dataset loads unchanged."""
    return cell[1:] if _DEFUSED.match(cell) else cell


def _check_file(name: str, frame: pd.DataFrame, problems: list[Problem]) -> None:
    """Run the pandera schema of `name` over `frame`, adding every failure."""
    try:
        SCHEMAS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples(index=False):
            check = str(case.check)
            if check == "column_in_dataframe":
                problems.append(
                    Problem(name, 1, str(case.failure_case), "required column is missing from the header row")
                )
                continue
            index = case.index
            line = _line(index) if index is not None and not pd.isna(index) else None
            problems.append(Problem(name, line, str(case.column), check, _short(case.failure_case)))


def _check_unique(name: str, frame: pd.DataFrame, column: str, problems: list[Problem]) -> None:
    if column not in frame.columns:
        return
    values = frame[column]
    seen: dict[str, int] = {}
    for index, value in values.items():
        if value == "":
            continue
        if value in seen:
            problems.append(
                Problem(name, _line(index), column, f"duplicate value; first used on line {seen[value]}", _short(value))
            )
        else:
            seen[value] = _line(index)


def _check_reference(
    name: str, frame: pd.DataFrame, column: str, known: set[str], target: str, problems: list[Problem]
) -> None:
    if column not in frame.columns:
        return
    for index, value in frame[column].items():
        if value != "" and value not in known:
            problems.append(
                Problem(name, _line(index), column, f"does not match any {column} in {target}", _short(value))
            )


NO_META = DatasetMeta(title=UPLOAD_TITLE, subject="", as_of=None, version="", has_meta_file=False)


def _read_meta(raw: bytes | None, problems: list[Problem]) -> DatasetMeta:
    """dataset.json, checked key by key against schema.META_KEYS; NO_META when
    there is none or it cannot be read as a JSON object."""
    if raw is None:
        return NO_META
    text = _decode(META_FILE, raw, problems)
    if text is None:
        return NO_META
    try:
        data = json.loads(text)
    except RecursionError:
        problems.append(Problem(META_FILE, None, None, "is not valid JSON: nested too deeply"))
        return NO_META
    except json.JSONDecodeError as err:
        problems.append(
            Problem(
                META_FILE, err.lineno, None, f"is not valid JSON: {err.msg}", _short(err.doc[err.pos : err.pos + 40])
            )
        )
        return NO_META
    if not isinstance(data, dict):
        required = ", ".join(k.name for k in META_KEYS if k.required)
        problems.append(Problem(META_FILE, 1, None, f"must be a JSON object with keys {required}"))
        return NO_META

    values: dict[str, object] = {}
    for key in META_KEYS:
        value = data.get(key.name)
        if value is None or value == "":
            if key.required:
                problems.append(Problem(META_FILE, None, key.name, "required key is missing or empty"))
            values[key.name] = None if key.kind == "positive_int" else ""
            continue
        if key.kind == "positive_int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(Problem(META_FILE, None, key.name, "must be a positive whole number", _short(value)))
                value = None
            values[key.name] = value
            continue
        if key.kind == "version" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            problems.append(Problem(META_FILE, None, key.name, "must be a text string", _short(value)))
            values[key.name] = ""
            continue
        limit = key.max_chars
        if limit is not None and len(value) > limit:
            problems.append(Problem(META_FILE, None, key.name, f"must be at most {limit:,} characters", _short(value)))
        value = value.strip()
        if key.kind == "date" and not _is_iso_date(value):
            problems.append(Problem(META_FILE, None, key.name, "must be an ISO date YYYY-MM-DD", _short(value)))
            value = ""
        values[key.name] = value
    return DatasetMeta(
        title=str(values["title"]) or UPLOAD_TITLE,
        subject=str(values["subject"]),
        as_of=str(values["as_of"]) or None,
        version=str(values["version"]),
        license=str(values["license"]),
        citation=str(values["citation"]),
        description=str(values["description"]),
        ratification_threshold=threshold if isinstance(threshold := values["ratification_threshold"], int) else None,
    )


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame({spec.name: pd.Series(dtype=str) for spec in FILES[name]})


def fingerprint(files: Mapping[str, bytes]) -> str:
    """A content hash of the files: the same bytes give the same key."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


def read_dataset(files: Mapping[str, bytes], source: str = "dataset") -> Dataset:
    """Validate the files of one dataset and build it; raise InvalidDataset with
    every problem when anything is wrong. `files` maps a bare file name
    ("positions.csv") to its bytes; unknown files are ignored with a notice."""
    problems: list[Problem] = []
    notices: list[str] = []
    total = sum(len(b) for b in files.values())
    if total > MAX_UNPACKED_BYTES:
        raise InvalidDataset(
            [
                Problem(
                    "(dataset)", None, None, f"is {total / 1e6:.1f} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB"
                )
            ],
            source,
        )
    for name in sorted(files):
        if name not in KNOWN_FILES:
            notices.append(f"Ignored {name!r}: not a file of the dataset schema.")

    meta = _read_meta(files.get(META_FILE), problems)
    if META_FILE not in files:
        notices.append("No dataset.json: the title is 'Uploaded dataset' and the date the data was checked is unknown.")

    frames: dict[str, pd.DataFrame] = {}
    # Files whose ids could not be read: references to them are not checked,
    # so one broken file gives its own problem, not one per row elsewhere.
    unreadable: set[str] = set()
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        if name not in files:
            if name in REQUIRED_FILES:
                problems.append(Problem(name, None, None, "required file is missing from the dataset"))
            frames[name] = _empty(name)
            unreadable.add(name)
            continue
        frame = _read_csv(name, files[name], problems)
        if frame is None:
            frames[name] = _empty(name)
            unreadable.add(name)
            continue
        if UNIQUE_COLUMNS.get(name) in REFERENCE_COLUMNS and UNIQUE_COLUMNS[name] not in frame.columns:
            unreadable.add(name)
        if frame.empty and name in REQUIRED_FILES:
            problems.append(Problem(name, 2, None, "has a header row but no data rows"))
            unreadable.add(name)
        limit = MAX_ROWS.get(name)
        if limit and len(frame) > limit:
            problems.append(Problem(name, None, None, f"has {len(frame):,} rows; the limit is {limit:,}"))
            frames[name] = _empty(name)
            unreadable.add(name)
            continue
        _check_file(name, frame, problems)
        if name in UNIQUE_COLUMNS:
            _check_unique(name, frame, UNIQUE_COLUMNS[name], problems)
        for spec in FILES[name]:
            if spec.name not in frame.columns:
                frame[spec.name] = ""
        frames[name] = frame

    stakeholder_ids = set(frames["stakeholders.csv"]["stakeholder_id"])
    provision_ids = set(frames["provisions.csv"]["provision_id"])
    for file, column in (
        ("positions.csv", "stakeholder_id"),
        ("positions.csv", "provision_id"),
        ("events.csv", "stakeholder_id"),
    ):
        target = REFERENCE_COLUMNS[column]
        if target not in unreadable:
            known = stakeholder_ids if column == "stakeholder_id" else provision_ids
            _check_reference(file, frames[file], column, known, target, problems)
    _check_ratification_order(frames["signatories.csv"], problems)

    if problems:
        raise InvalidDataset(problems, source)

    provisions = frames["provisions.csv"].copy()
    provisions["number"] = pd.to_numeric(provisions["number"].replace("", None), errors="coerce").astype("Int64")
    provisions["theme_list"] = provisions["themes"].map(split_themes)
    positions = frames["positions.csv"].copy()
    positions["evidence"] = positions["evidence"].replace("", "explicit")
    positions["score"] = positions["stance"].map(SCORES).astype(int)
    positions["row"] = range(len(positions))
    if not positions["position_id"].ne("").all():
        generated = [f"row-{i + 2}" for i in range(len(positions))]
        positions["position_id"] = positions["position_id"].where(positions["position_id"] != "", generated)

    method = None
    if METHOD_FILE in files:
        method = files[METHOD_FILE].decode("utf-8-sig", errors="replace")

    return Dataset(
        meta=meta,
        stakeholders=frames["stakeholders.csv"].reset_index(drop=True),
        provisions=provisions.reset_index(drop=True),
        positions=positions.reset_index(drop=True),
        events=frames["events.csv"].reset_index(drop=True),
        signatories=frames["signatories.csv"].reset_index(drop=True),
        method=method,
        fingerprint=fingerprint(files),
        notices=tuple(notices),
    )


def _check_ratification_order(frame: pd.DataFrame, problems: list[Problem]) -> None:
    if frame.empty:
        return
    for index, row in frame.iterrows():
        signed, ratified = row.get("signature_date", ""), row.get("ratification_date", "")
        if _is_iso_date(signed) and _is_iso_date(ratified) and ratified < signed:
            problems.append(
                Problem(
                    "signatories.csv",
                    _line(index),
                    "ratification_date",
                    "is before signature_date; for an accession without signature leave signature_date empty",
                    ratified,
                )
            )


def split_themes(themes: str) -> tuple[str, ...]:
    """'human_rights; scope' -> ('human_rights', 'scope')."""
    return tuple(t.strip() for t in str(themes).split(";") if t.strip())


# --------------------------------------------------------------------------
# Sources: folder, zip


def files_from_folder(path: str | Path) -> dict[str, bytes]:
    """The dataset files in a folder (only the names the schema knows)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InvalidDataset([Problem(str(path), None, None, "is not a folder with dataset files")], str(path))
    return {name: (folder / name).read_bytes() for name in KNOWN_FILES if (folder / name).is_file()}


def files_from_zip(raw: bytes, name: str = "upload.zip") -> dict[str, bytes]:
    """The files inside a dataset zip, read in memory and never unpacked to disk.

    Files may sit at the top of the zip or inside one top-level folder (what
    zipping a folder gives). Deeper folders, absolute or parent paths, and
    archives that would unpack past the size limit are refused."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InvalidDataset(
            [Problem(name, None, None, f"is {len(raw) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB")],
            name,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InvalidDataset([Problem(name, None, None, "is not a readable zip file", _short(err))], name) from None

    problems: list[Problem] = []
    declared = sum(max(i.file_size, 0) for i in infos)
    if declared > MAX_UNPACKED_BYTES:
        problems.append(
            Problem(
                name,
                None,
                None,
                f"would unpack to {declared / 1e6:.1f} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB",
            )
        )
        raise InvalidDataset(problems, name)

    def skip(member: str) -> bool:
        parts = PurePosixPath(member).parts
        return any(p in ("__MACOSX",) or p.startswith("._") or p == ".DS_Store" for p in parts)

    members = [i for i in infos if not skip(i.filename)]
    for info in members:
        member = info.filename
        parts = PurePosixPath(member).parts
        if member.startswith(("/", "\\")) or "\\" in member or ".." in parts or re.match(r"^[A-Za-z]:", member):
            problems.append(Problem(name, None, None, "holds a file with an unsafe path", _short(member)))
        elif len(parts) > 2:
            problems.append(
                Problem(name, None, None, "holds nested folders; put the files at the top of the zip", _short(member))
            )
    tops = {PurePosixPath(i.filename).parts[0] for i in members if len(PurePosixPath(i.filename).parts) == 2}
    if len(tops) > 1 or (tops and any(len(PurePosixPath(i.filename).parts) == 1 for i in members)):
        problems.append(Problem(name, None, None, "mixes several folders; put the files at the top of the zip"))
    if problems:
        raise InvalidDataset(problems, name)

    files: dict[str, bytes] = {}
    total = 0
    for info in members:
        base = PurePosixPath(info.filename).name
        try:
            with archive.open(info) as handle:
                # Read no more than the limit allows, whatever the header claims.
                data = handle.read(MAX_UNPACKED_BYTES - total + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as err:
            # Corrupt data, a size or checksum that does not match, encryption, an unknown compression.
            raise InvalidDataset(
                [Problem(name, None, None, f"holds a file that cannot be read ({_short(err)})", _short(info.filename))],
                name,
            ) from None
        total += len(data)
        if total > MAX_UNPACKED_BYTES:
            raise InvalidDataset([Problem(name, None, None, f"unpacks past {MAX_UNPACKED_BYTES // 2**20} MB")], name)
        if base in files:
            raise InvalidDataset([Problem(name, None, None, "holds the same file twice", _short(base))], name)
        files[base] = data
    if not files:
        raise InvalidDataset([Problem(name, None, None, "holds no files")], name)
    return files


UPLOAD_SUFFIXES = (".csv", ".json", ".md", ".zip")


def upload_name(name: str) -> str:
    """An uploaded file's name reduced to its base name (browsers may send a
    path, with / or \\), with the schema's own spelling when it matches one
    of its files in another case ('Positions.CSV' -> 'positions.csv')."""
    base = re.split(r"[\\/]", str(name))[-1].strip()
    known = {k.lower(): k for k in KNOWN_FILES}
    return known.get(base.lower(), base)


def files_from_uploads(uploads: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """The dataset files from what a user uploaded: several dataset files
    (CSVs, an optional dataset.json and METHOD.md), or one .zip of them.

    Every problem with the set is reported at once, each naming its file: a
    type other than .csv/.json/.md/.zip, an upload over the size limit, an
    empty name, the same name twice, a zip mixed with other files. A zip goes
    through files_from_zip (in memory, size and path checks). Unknown names
    with an allowed type pass through; read_dataset ignores them with a notice."""
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    zips: list[tuple[str, bytes]] = []
    if not uploads:
        raise InvalidDataset([Problem("(upload)", None, None, "no files were uploaded")], "upload")
    for raw_name, raw in uploads:
        name = upload_name(raw_name)
        if not name or name in (".", ".."):
            problems.append(Problem(_short(raw_name) or "(no name)", None, None, "has no file name"))
            continue
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            problems.append(
                Problem(name, None, None, "is not a dataset file; upload .csv, .json, .md files or one .zip")
            )
            continue
        if len(raw) > MAX_UPLOAD_BYTES:
            problems.append(
                Problem(name, None, None, f"is {len(raw) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB")
            )
            continue
        if suffix == ".zip":
            zips.append((name, raw))
            continue
        if name in files:
            problems.append(Problem(name, None, None, "was uploaded twice; upload each file once"))
            continue
        files[name] = raw
    loose = sum(len(raw) for raw in files.values())
    if loose > MAX_UPLOAD_BYTES:
        problems.append(
            Problem(
                "(upload)", None, None, f"is {loose / 1e6:.1f} MB in all; the limit is {MAX_UPLOAD_BYTES // 2**20} MB"
            )
        )
    if zips and (files or len(zips) > 1):
        names = ", ".join(n for n, _ in zips)
        problems.append(
            Problem(names, None, None, "upload either one .zip of the dataset or its files, not both or several zips")
        )
    if problems:
        raise InvalidDataset(problems, "upload")
    if zips:
        name, raw = zips[0]
        unpacked = files_from_zip(raw, name)
        files = {}
        for member, data in unpacked.items():
            canonical = upload_name(member)
            if canonical in files:
                raise InvalidDataset([Problem(name, None, None, "holds the same file twice", _short(member))], name)
            files[canonical] = data
    return files


def files_from_path(path: str | Path) -> dict[str, bytes]:
    """The dataset files at `path` on disk: a folder, or a .zip file. Raises
    InvalidDataset (not a folder, a bad zip) or OSError (unreadable)."""
    p = Path(path)
    if p.is_file() and p.suffix.lower() == ".zip":
        return files_from_zip(p.read_bytes(), p.name)
    return files_from_folder(p)


def load_path(path: str | Path) -> Dataset:
    """Load a dataset from a folder or a .zip file on disk."""
    return read_dataset(files_from_path(path), source=str(path))


def main(argv: list[str]) -> int:
    """`python -m components.dataset validate PATH`."""
    if len(argv) != 2 or argv[0] != "validate":
        print("usage: python -m components.dataset validate PATH", file=sys.stderr)
        return 2
    try:
        ds = load_path(argv[1])
    except InvalidDataset as err:
        table = err.table()
        print(f"{err.source}: {plural(len(table), 'problem')}")
        print(table.to_string(index=False))
        return 1
    print(
        f"{argv[1]}: valid. {len(ds.stakeholders)} stakeholders, {len(ds.provisions)} provisions, "
        f"{len(ds.positions)} positions, {len(ds.events)} events, {len(ds.signatories)} signatories."
    )
    for notice in ds.notices:
        print("note:", notice)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
