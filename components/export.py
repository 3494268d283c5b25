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

from components.dataset import (
    KNOWN_FILES,
    OPTIONAL_FILES,
    REFERENCE_COLUMNS,
    REQUIRED_FILES,
    SPECS,
    UNIQUE_COLUMNS,
    DatasetMeta,
)
from components.filters import FilterState
from components.safety import spreadsheet_cell

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
    "source_title": ("source_title", "Title of the source document."),
    "source_url": ("source_url", "Link to the source of the statement."),
    "source_date": ("source_date", "Date of the source, YYYY-MM-DD."),
    "evidence": ("evidence", "explicit (the source names the provision) or inferred (linked by the dataset author)."),
    "position_id": ("position_id", "Id of the position row (row-N when the dataset gives none)."),
    "stakeholder_id": ("stakeholder_id", "Id of the stakeholder in stakeholders.csv."),
    "provision_id": ("provision_id", "Id of the provision in provisions.csv."),
}
FLAT_FILE = "filtered CSV (Data & downloads page)"

# What each dataset column means, for the data dictionary. The rules come
# from dataset.SPECS; this adds the plain meaning (DATA_SCHEMA.md).
MEANINGS: dict[tuple[str, str], str] = {
    ("stakeholders.csv", "stakeholder_id"): "Stable id of the stakeholder.",
    ("stakeholders.csv", "name"): "Full name.",
    ("stakeholders.csv", "type"): "Kind of stakeholder.",
    ("stakeholders.csv", "short_name"): "Label for charts.",
    ("stakeholders.csv", "country_iso3"): "Country code, for governments.",
    ("stakeholders.csv", "description"): "Who they are, in a sentence or two.",
    ("stakeholders.csv", "website"): "Their website.",
    ("provisions.csv", "provision_id"): "Stable id of the provision; 'convention' means the instrument as a whole.",
    ("provisions.csv", "label"): "Short label, e.g. 'Art. 6'.",
    ("provisions.csv", "title"): "Official title.",
    ("provisions.csv", "number"): "Sort key (article number).",
    ("provisions.csv", "chapter"): "Chapter or part of the instrument.",
    ("provisions.csv", "themes"): "Tags separated by ';', e.g. human_rights;scope.",
    ("provisions.csv", "summary"): "Plain-language summary in the dataset author's words.",
    ("provisions.csv", "text_url"): "Link to the official text.",
    ("positions.csv", "stakeholder_id"): "Who takes the position.",
    ("positions.csv", "provision_id"): "Which provision it is about.",
    ("positions.csv", "stance"): "The stance, from support (+2) to oppose (-2).",
    ("positions.csv", "summary"): "The position in the dataset author's words.",
    ("positions.csv", "source_url"): "Link to the statement.",
    ("positions.csv", "source_title"): "Title of the source document.",
    ("positions.csv", "source_date"): "Date of the statement; the latest one per stakeholder and provision is current.",
    ("positions.csv", "quote"): "Verbatim excerpt; never a paraphrase.",
    ("positions.csv", "evidence"): "explicit (names the provision) or inferred (linked by the dataset author).",
    ("positions.csv", "position_id"): "Id of the position row.",
    ("events.csv", "date"): "When it happened.",
    ("events.csv", "title"): "What happened, in a few words.",
    ("events.csv", "category"): "Kind of event.",
    ("events.csv", "description"): "More detail.",
    ("events.csv", "source_url"): "Link to a source.",
    ("events.csv", "stakeholder_id"): "The stakeholder involved, if any.",
    ("signatories.csv", "country"): "Country name.",
    ("signatories.csv", "iso3"): "Country code.",
    ("signatories.csv", "signature_date"): "Date of signature; empty for an accession without signature.",
    ("signatories.csv", "ratification_date"): "Date of ratification, acceptance, approval or accession.",
    ("signatories.csv", "source_url"): "Link to a source.",
}

# dataset.json keys (read by dataset._read_meta).
META_KEYS: tuple[tuple[str, bool, str], ...] = (
    ("title", True, "Title of the dataset."),
    ("subject", True, "The instrument being debated."),
    ("as_of", True, "ISO date YYYY-MM-DD the data was last checked."),
    ("version", True, "Dataset version."),
    ("license", False, "Licence of the dataset."),
    ("citation", False, "How to cite the dataset."),
    ("description", False, "One paragraph about the dataset."),
    ("ratification_threshold", False, "Whole number: ratifications needed for entry into force."),
)


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


def export_file_name(meta: DatasetMeta, view: FilterState, today: date, suffix: str = "csv") -> str:
    """'stancemap_<dataset>_<filters>_<YYYY-MM-DD>.csv': which data, which
    filter, downloaded when."""
    return f"stancemap_{dataset_slug(meta)}_{view.slug()}_{today.isoformat()}.{suffix}"


# --------------------------------------------------------------------------
# The data dictionary


def data_dictionary() -> pd.DataFrame:
    """Every column of every file (and every dataset.json key, and the columns
    of the filtered CSV): file, column, required, rule, meaning. The rules are
    read from dataset.SPECS, the one place the loader checks them."""
    rows = [
        {"file": "dataset.json", "column": key, "required": "yes" if required else "no", "rule": "", "meaning": meaning}
        for key, required, meaning in META_KEYS
    ]
    for file in (*REQUIRED_FILES, *OPTIONAL_FILES):
        for spec in SPECS[file]:
            rules = [message for _, message in spec.rules]
            if UNIQUE_COLUMNS.get(file) == spec.name:
                rules.append("must be unique")
            target = REFERENCE_COLUMNS.get(spec.name)
            if target and target != file:
                rules.append(f"must match a {spec.name} in {target}")
            rows.append(
                {
                    "file": file + ("" if file in REQUIRED_FILES else " (optional file)"),
                    "column": spec.name,
                    "required": "yes" if spec.required else "no",
                    "rule": "; ".join(rules),
                    "meaning": MEANINGS.get((file, spec.name), ""),
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


TEMPLATE_FILES: dict[str, tuple[list[str], list[list[str]]]] = {
    "stakeholders.csv": (
        ["stakeholder_id", "name", "type", "short_name", "country_iso3", "description", "website"],
        [
            ["example-gov", "EXAMPLE Ministry of Foreign Affairs", "government", "Example Ministry", "FRA",
             "EXAMPLE row: replace with a real stakeholder.", "https://example.org/ministry"],
            ["example-ngo", "EXAMPLE Digital Rights Group", "civil_society", "Example NGO", "",
             "EXAMPLE row: replace with a real stakeholder.", "https://example.org/ngo"],
        ],
    ),
    "provisions.csv": (
        ["provision_id", "label", "title", "number", "chapter", "themes", "summary", "text_url"],
        [
            ["convention", "Instrument", "The instrument as a whole", "", "", "",
             "EXAMPLE row: positions on the whole instrument use this id.", "https://example.org/text"],
            ["art-01", "Art. 1", "EXAMPLE Definitions", "1", "I. General provisions", "definitions;scope",
             "EXAMPLE row: a plain-language summary in your own words.", "https://example.org/text#art-1"],
        ],
    ),
    "positions.csv": (
        ["position_id", "stakeholder_id", "provision_id", "stance", "summary", "source_url", "source_title",
         "source_date", "quote", "evidence"],
        [
            ["pos-1", "example-gov", "convention", "support", "EXAMPLE row: supports the instrument as a whole.",
             "https://example.org/statement-1", "EXAMPLE statement", "2024-01-15",
             "EXAMPLE verbatim quote from the source.", "explicit"],
            ["pos-2", "example-ngo", "art-01", "concern", "EXAMPLE row: finds the definitions too broad.",
             "https://example.org/statement-2", "EXAMPLE submission", "2024-02-01", "", "inferred"],
        ],
    ),
    "events.csv": (
        ["date", "title", "category", "description", "source_url", "stakeholder_id"],
        [["2024-01-10", "EXAMPLE Draft text published", "negotiation", "EXAMPLE row: replace or delete.",
          "https://example.org/event", ""]],
    ),
    "signatories.csv": (
        ["country", "iso3", "signature_date", "ratification_date", "source_url"],
        [["France", "FRA", "2024-03-01", "", "https://example.org/signatures"]],
    ),
}  # fmt: skip

TEMPLATE_META = {
    "title": "EXAMPLE dataset: replace this title",
    "subject": "EXAMPLE instrument being debated",
    "as_of": "2024-03-01",
    "version": "0.1",
    "license": "CC BY 4.0",
    "citation": "EXAMPLE: Your name (year). Title, version, data as of date.",
    "description": "A template: every row is an EXAMPLE with example.org links. Replace them with real data.",
    "ratification_threshold": 40,
}


def template_files() -> dict[str, bytes]:
    """A minimal valid dataset to start from: dataset.json and every CSV with
    its header and one or two rows marked EXAMPLE, example.org links only."""
    files = {"dataset.json": (json.dumps(TEMPLATE_META, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    for name, (header, rows) in TEMPLATE_FILES.items():
        files[name] = _csv_text(header, rows)
    return files


def template_zip() -> bytes:
    """The template dataset with its data dictionary, as a zip to fill in and upload."""
    return dataset_zip(template_files(), folder="stancemap-template")
