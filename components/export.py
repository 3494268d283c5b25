"""Data out of Stancemap: the filtered positions as a spreadsheet-safe CSV, the
whole dataset as a zip with a data dictionary, and a template dataset to start
from.

Every CSV the app produces is spreadsheet-safe: a text cell a spreadsheet
would run as a formula gets a leading single quote (safety.spreadsheet_cell).
The dataset zip is also for round-tripping (edit, re-upload, cite a version):
the loader removes exactly that quote again, so the zip loads to the same
data.

Nothing here imports Streamlit.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import date

import pandas as pd

from components import schema
from components.dataset import DatasetMeta
from components.filters import FilterState
from components.safety import spreadsheet_cell
from components.schema import FILES, KNOWN_FILES, META_FILE, META_KEYS, OPTIONAL_FILES, REQUIRED_FILES

DICTIONARY_FILE = "DATA_DICTIONARY.md"

# The flat export: column -> (column of analysis.position_table, meaning).
# One place for the names, the order and what each column means.
FLAT_COLUMNS: dict[str, tuple[str, str]] = {
    "stakeholder_name": ("stakeholder", "Full name of the stakeholder (stakeholders.csv `name`)."),
    "stakeholder_type": ("type", "Kind of stakeholder (stakeholders.csv `type`)."),
    "provision_label": ("label", "Short label of the provision, e.g. 'Art. 6' (provisions.csv `label`)."),
    "provision_title": ("title", "Official title of the provision (provisions.csv `title`)."),
    "stance": ("stance", "support, qualified_support, mixed, concern or oppose."),
    "score": ("score", "The stance as a number: support +2, qualified_support +1, mixed 0, concern -1, oppose -2."),
    "summary": ("summary", "The position in the dataset author's words."),
    "quote": ("quote", "Verbatim excerpt from the source."),
    "speaker": ("speaker", schema.spec("positions.csv", "speaker").meaning),
    "source_title": ("source_title", "Title of the source document."),
    "source_publisher": ("source_publisher", schema.spec("positions.csv", "source_publisher").meaning),
    "source_kind": ("source_kind", schema.spec("positions.csv", "source_kind").meaning),
    "source_url": ("source_url", "Link to the source of the statement."),
    "read_url": ("read_url", schema.spec("positions.csv", "read_url").meaning),
    "source_date": ("source_date", "Date of the source, YYYY-MM-DD."),
    "evidence": ("evidence", "explicit (the source names the provision) or inferred (linked by the dataset author)."),
    "position_id": ("position_id", "Id of the position row (row-N when the dataset gives none)."),
    "stakeholder_id": ("stakeholder_id", "Id of the stakeholder in stakeholders.csv."),
    "provision_id": ("provision_id", "Id of the provision in provisions.csv."),
}
FLAT_FILE = "filtered CSV (Data & downloads page)"

# --------------------------------------------------------------------------
# The filtered CSV


def flat_positions(table: pd.DataFrame) -> pd.DataFrame:
    """One flat row per position of a position table (analysis.position_table
    or a filtered part of it), with the columns of FLAT_COLUMNS in that order."""
    out = pd.DataFrame({name: table[source] for name, (source, _) in FLAT_COLUMNS.items()})
    out["score"] = out["score"].astype(int)
    return out.reset_index(drop=True)


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell and header a spreadsheet would run as a
    formula neutralised; numbers stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(spreadsheet_cell)
    out.columns = [spreadsheet_cell(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a spreadsheet-safe CSV: UTF-8 with BOM (so Excel reads the
    accents), RFC 4180 (comma, CRLF, double quotes where needed), formulas
    neutralised in every text cell and header."""
    buffer = io.StringIO()
    spreadsheet_safe(frame).to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue().encode("utf-8-sig")


def slugify(text: str, limit: int = 60) -> str:
    """'UN Convention against Cybercrime' -> 'un-convention-against-cybercrime'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:  # cut between words, never inside one
        slug = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
    return slug.strip("-")


def dataset_slug(meta: DatasetMeta) -> str:
    """The dataset's title as a file-name part; a subtitle after ':' is dropped."""
    title = meta.title.split(":")[0] if meta.title.split(":")[0].strip() else meta.title
    return slugify(title) or slugify(meta.subject) or "dataset"


def export_file_name(meta: DatasetMeta, filters: FilterState, today: date, suffix: str = "csv") -> str:
    """'stancemap_<dataset>_<filters>_<YYYY-MM-DD>.csv': which data, which
    filter, downloaded when."""
    return f"stancemap_{dataset_slug(meta)}_{filters.slug()}_{today.isoformat()}.{suffix}"


# --------------------------------------------------------------------------
# The data dictionary


def data_dictionary() -> pd.DataFrame:
    """Every column of every file (and every dataset.json key, and the columns
    of the filtered CSV): file, column, required, rule, meaning, all read from
    components/schema.py, the records the loader checks."""
    rows = [
        {
            "file": META_FILE,
            "column": key.name,
            "required": "yes" if key.required else "no",
            "rule": key.rule(),
            "meaning": key.meaning,
        }
        for key in META_KEYS
    ]
    for file in (*REQUIRED_FILES, *OPTIONAL_FILES):
        for spec in FILES[file]:
            rows.append(
                {
                    "file": file + ("" if file in REQUIRED_FILES else " (optional file)"),
                    "column": spec.name,
                    "required": "yes" if spec.required else "no",
                    "rule": spec.rule(file),
                    "meaning": spec.meaning,
                }
            )
    for name, (_, meaning) in FLAT_COLUMNS.items():
        rows.append({"file": FLAT_FILE, "column": name, "required": "", "rule": "", "meaning": meaning})
    return pd.DataFrame(rows, columns=["file", "column", "required", "rule", "meaning"])


def data_dictionary_markdown() -> str:
    """The data dictionary as a Markdown document for the dataset zip."""
    lines = [
        "# Data dictionary",
        "",
        "Every file of a Stancemap dataset and what each column holds. Files are UTF-8 CSV",
        "(comma-separated, header row first, RFC 4180 quoting). Empty optional cells are allowed;",
        "extra columns are kept and ignored.",
        "",
        "The CSV files in this zip are spreadsheet-safe: a cell that a spreadsheet would run as a",
        "formula (starting with =, +, -, @, tab or carriage return) has a leading ' added. Stancemap",
        "removes that ' again when the zip is uploaded, so the zip can be edited and uploaded again.",
        "",
        "| file | column | required | rule | meaning |",
        "|---|---|---|---|---|",
    ]
    for row in data_dictionary().itertuples(index=False):
        cells = [str(v).replace("|", "\\|") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Zips


def _zip(files: Mapping[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, raw in files.items():
            # A fixed timestamp: the same dataset gives the same zip.
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, raw)
    return buffer.getvalue()


def defuse_csv(raw: bytes) -> bytes:
    """A dataset CSV made spreadsheet-safe cell by cell (OWASP prefix quote),
    rows and columns unchanged, written as UTF-8 with BOM. The loader removes
    exactly this prefix again, so the file still loads to the same data."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[spreadsheet_cell(cell) for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def dataset_zip(files: Mapping[str, bytes], folder: str = "dataset") -> bytes:
    """The whole dataset as a zip: every dataset file (dataset.json, the CSVs,
    METHOD.md when present) plus DATA_DICTIONARY.md, inside one folder. The
    CSVs are spreadsheet-safe like every CSV the app produces; the zip loads
    again to the same data with dataset.files_from_zip."""
    kept = {
        name: (defuse_csv(files[name]) if name.endswith(".csv") else files[name])
        for name in KNOWN_FILES
        if name in files
    }
    kept[DICTIONARY_FILE] = data_dictionary_markdown().encode("utf-8")
    return _zip(kept, slugify(folder) or "dataset")


def _csv_text(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# The template: each file's columns in schema order, with the example
# values of each column (schema.Column.examples), one row per example.
TEMPLATE_FILES: dict[str, tuple[list[str], list[list[str]]]] = {
    file: ([c.name for c in columns], [list(row) for row in zip(*(c.examples for c in columns), strict=True)])
    for file, columns in FILES.items()
}

TEMPLATE_META: dict[str, object] = {key.name: key.example for key in META_KEYS}


def template_files() -> dict[str, bytes]:
    """A minimal valid dataset to start from: dataset.json and every CSV with
    its header and one or two rows marked EXAMPLE, example.org links only."""
    files = {META_FILE: (json.dumps(TEMPLATE_META, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    for name, (header, rows) in TEMPLATE_FILES.items():
        files[name] = _csv_text(header, rows)
    return files


def template_zip() -> bytes:
    """The template dataset with its data dictionary, as a zip to fill in and upload."""
    return dataset_zip(template_files(), folder="stancemap-template")
